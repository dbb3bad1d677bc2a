# Sourced by scripts/token and scripts/demo: finds the service that scripts/run started (from the file `service` in the
# data folder, LEDGER_DATA_DIR or .data), checks that it answers, and sets:
#   url    its root address (http://127.0.0.1:PORT)
#   dll    the Release build scripts/run runs (its commands need no second build)
#   Ledger__Auth__SigningKey (exported) the key its tokens are signed with
# Every failure is one line on stderr, prefixed with the calling script's name, and exit 1.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
me="scripts/$(basename "$0")"
fail() { echo "$me: $*" >&2; exit 1; }

data="${LEDGER_DATA_DIR:-$root/.data}"
state="$data/service"
[ -f "$state" ] || fail "no service started by scripts/run is running (no $state); start it with scripts/run [--port N]"
url=$(sed -n 's/^url=//p' "$state")
auth=$(sed -n 's/^auth=//p' "$state")
port=${url##*:}
[[ "$port" =~ ^[0-9]+$ ]] || fail "$state is not what scripts/run writes; start the service again with scripts/run"
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
  || fail "nothing answers at $url: the service scripts/run started has stopped (or is still starting); start it with scripts/run [--port N]"

dll="$root/src/Ledger/bin/Release/net10.0/Ledger.dll"
[ -f "$dll" ] || fail "no build at $dll; scripts/run builds it"

case "$auth" in
  key-file)
    [ -s "$data/dev-signing-key" ] || fail "$data/dev-signing-key is missing; restart the service with scripts/run"
    Ledger__Auth__SigningKey=$(cat "$data/dev-signing-key") ;;
  environment)
    [ -n "${Ledger__Auth__SigningKey:-}" ] \
      || fail "the service was started with Ledger__Auth__SigningKey from the environment: export the same key here" ;;
  authority)
    fail "the service trusts an OpenID Connect issuer (Ledger__Auth__Authority): take tokens from that issuer" ;;
  *) fail "$state is not what scripts/run writes; start the service again with scripts/run" ;;
esac
export Ledger__Auth__SigningKey
# The commands read only Ledger:Auth; an issuer in this shell would not be theirs.
unset Ledger__Auth__Authority
