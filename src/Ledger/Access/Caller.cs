using System.Security.Claims;
using Ledger.Projections.Crossings;
using Ledger.Screening;
using Ledger.Problems;

namespace Ledger.Access;

/// <summary>
/// The authenticated principal of a request, as the ledger's rules see it: its subject, roles, countries and (for a
/// traveller) whose record is its own. Every rights check is here, one method per kind of act, so the role matrix in
/// docs/access.md ("Roles") reads off this file. Checks run before any record is loaded, so a refusal never reveals whether a
/// traveller exists.
/// </summary>
public sealed record Caller(string Subject, IReadOnlySet<Role> Roles, IReadOnlySet<string> Countries, Guid? Traveller)
{
    public bool Is(Role role) => Roles.Contains(role);

    private bool IsAny(params Role[] roles) => roles.Any(Roles.Contains);

    private bool IsTraveller(Guid id) => Is(Role.Traveller) && Traveller == id;

    /// <summary>Read a traveller's record (identity, status, plan, compliance, crossings, visas, permits, incidents).</summary>
    public void MayRead(Guid traveller, bool asKnownAt = false)
    {
        if (IsAny(Role.Auditor, Role.Admin)) return;
        if (asKnownAt && IsAny(Role.Caseworker, Role.Traveller))
            throw Refused("as-known-at replays are for auditors and admins"); // they show expunged and voided facts
        if (Is(Role.Caseworker) || IsTraveller(traveller)) return;
        throw Refused("this token may not read this traveller's record");
    }

    /// <summary>The raw event history with who recorded what.</summary>
    /// <summary>The raw events keep what the current view hides (expunged incidents, voided facts): auditors and admins only.</summary>
    public void MayReadEvents(Guid traveller)
    {
        if (!IsAny(Role.Auditor, Role.Admin)) throw Refused("the event history is for auditors and admins");
    }

    /// <summary>Who looked at a record: the person it is about, auditors and admins.</summary>
    public void MayReadAccessLog(Guid traveller)
    {
        if (!IsAny(Role.Auditor, Role.Admin) && !IsTraveller(traveller)) throw Refused("this token may not read this traveller's access log");
    }

    /// <summary>Finding a traveller by document or by name and date of birth: caseworkers.</summary>
    public void MaySearchTravellers()
    {
        if (!Is(Role.Caseworker)) throw Refused("searching for travellers is for caseworkers");
    }

    /// <summary>Making a group of travellers (a household, a party): caseworkers.</summary>
    public void MayManageGroups()
    {
        if (!Is(Role.Caseworker)) throw Refused("groups are made by caseworkers");
    }

    /// <summary>Reading a group: those who read travellers' records (each member is then shown only if <see cref="MayRead"/> allows).</summary>
    public void MayReadGroups()
    {
        if (!IsAny(Role.Caseworker, Role.Traveller, Role.Auditor, Role.Admin)) throw Refused("this token may not read groups of travellers");
    }

    public void MayRegister()
    {
        if (!Is(Role.Recorder)) throw Refused("registering travellers is for recorders");
    }

    /// <summary>A recorder records crossings of its countries; a traveller its own, as self-reported.</summary>
    public void MayRecordCrossing(Guid traveller, string country, CrossingSource source)
    {
        if (Is(Role.Recorder) && Countries.Contains(country)) return;
        if (IsTraveller(traveller) && source == CrossingSource.SelfReported) return;
        throw Refused(IsTraveller(traveller)
            ? "a traveller records its own crossings with source selfReported only"
            : $"this token may not record crossings in {country}");
    }

    /// <summary>
    /// Imports (<c>POST /imports</c>): for principals that may record some crossing (recorders, travellers). Each line is
    /// then checked with <see cref="MayRecordCrossing"/>, and a line the principal may not record is refused alone.
    /// </summary>
    public void MayImportCrossings()
    {
        if (!IsAny(Role.Recorder, Role.Traveller)) throw Refused("imports of crossings are for recorders (their countries) and travellers (their own, self-reported)");
    }

    /// <summary>May this principal see a stored crossing's content (e.g. in a conflict message)? Readers of the record, and its country's recorders.</summary>
    public bool MaySeeCrossing(Guid traveller, string country) =>
        IsAny(Role.Caseworker, Role.Auditor, Role.Admin) || IsTraveller(traveller) || (Is(Role.Recorder) && Countries.Contains(country));

    /// <summary>Corrections and voids are for recorders (checked before the record is loaded).</summary>
    public void MayCorrectCrossings()
    {
        if (!Is(Role.Recorder)) throw Refused("correcting crossings is for recorders");
    }

    /// <summary>Corrections and voids: the recorder of the crossing's country (checked on the original and the corrected one).</summary>
    public void MayCorrectCrossing(string country)
    {
        if (!(Is(Role.Recorder) && Countries.Contains(country))) throw Refused($"this token may not correct crossings in {country}");
    }

    /// <summary>Visa extensions, incident resolutions and expungements are for caseworkers (their states are checked on the record).</summary>
    public void MayRecordCaseFacts()
    {
        if (!Is(Role.Caseworker)) throw Refused("visa, permit and incident facts are recorded by caseworkers");
    }

    /// <summary>Visas, permits and incidents: a caseworker of the issuing state, country or jurisdiction.</summary>
    public void MayRecordFor(string state, string what)
    {
        if (!(Is(Role.Caseworker) && Countries.Contains(state))) throw Refused($"this token may not record {what} for {state}");
    }

    /// <summary>Evidence and its voids are recorded by caseworkers (which ones: see the overload that takes the evidence's places).</summary>
    public void MayRecordEvidence()
    {
        if (!Is(Role.Caseworker)) throw Refused("evidence is recorded by caseworkers");
    }

    /// <summary>
    /// Evidence and its voids: a caseworker; for presence in a country, a caseworker of that country; for absence from
    /// a country, of that country; for absence from a regime's area (a regime of <paramref name="rules"/>), of one of the
    /// regime's member states.
    /// </summary>
    public void MayRecordEvidence(string? presentIn, string? absentFrom, Ledger.Projections.StayRules.RuleSet rules)
    {
        MayRecordEvidence();
        if (presentIn is not null && !Countries.Contains(presentIn)) throw Refused($"this token may not record evidence of presence in {presentIn}");
        if (absentFrom is null) return;
        var regime = rules.Regimes.FirstOrDefault(g => g.Id == absentFrom);
        var concerned = regime is null ? Countries.Contains(absentFrom) : Countries.Any(c => regime.MembershipsOf(c).Any());
        if (!concerned) throw Refused($"this token may not record evidence of absence from {absentFrom}");
    }

    /// <summary>Explicit anomaly resolutions (a presumption for the uncertain days): caseworkers (the state is checked on the anomaly).</summary>
    public void MayResolveAnomalies()
    {
        if (!Is(Role.Caseworker)) throw Refused("anomalies are resolved by caseworkers");
    }

    /// <summary>An anomaly's decision: a caseworker of the country whose membership and permits decide its uncertain days.</summary>
    public void MayResolveAnomalyOf(string country)
    {
        MayResolveAnomalies();
        if (!Countries.Contains(country)) throw Refused($"this token may not decide an anomaly of {country}");
    }

    public void MayErase()
    {
        if (!Is(Role.Admin)) throw Refused("erasing identities is for admins");
    }

    /// <summary>What retention erased of a traveller (facts without content): auditors and admins.</summary>
    public void MayReadErasures()
    {
        if (!IsAny(Role.Auditor, Role.Admin)) throw Refused("what retention erased is for auditors and admins");
    }

    /// <summary>Operating the service itself: dead letters (list, replay) and metrics from another machine. Admins.</summary>
    public void MayOperate()
    {
        if (!Is(Role.Admin)) throw Refused("operating the service (dead letters, metrics) is for admins");
    }

    /// <summary>The admin audit trail (who did which admin act, when, on what): auditors and admins.</summary>
    public void MayReadAdminAudit()
    {
        if (!(Is(Role.Auditor) || Is(Role.Admin))) throw Refused("the admin audit trail is for auditors and admins");
    }

    /// <summary>Webhooks: caseworkers (for their countries' stays) and admins (all).</summary>
    public void MayManageWebhooks()
    {
        if (!IsAny(Role.Caseworker, Role.Admin)) throw Refused("webhooks are for caseworkers and admins");
    }

    /// <summary>A move inside an area: a recorder or caseworker of the country moved to; the traveller its own, self-reported.</summary>
    public void MayRecordMovement(Guid traveller, string country, bool selfReported)
    {
        if (IsAny(Role.Recorder, Role.Caseworker) && Countries.Contains(country)) return;
        if (selfReported && IsTraveller(traveller)) return;
        throw Refused($"this token may not record a movement to {country}");
    }

    /// <summary>Storing or cancelling a planned trip: caseworkers, and the traveller its own (a plan is an intention, not a border fact).</summary>
    public void MayPlan(Guid traveller)
    {
        if (!Is(Role.Caseworker) && !IsTraveller(traveller)) throw Refused("plans are stored by caseworkers and by travellers for themselves");
    }

    /// <summary>An itinerary check on a history sent with the request (no record read, nothing recorded): any role but partner alone.</summary>
    public void MayCheckItineraries()
    {
        if (!IsAny(Role.Recorder, Role.Caseworker, Role.Traveller, Role.Auditor, Role.Admin)) throw Refused("itinerary checks are not for partners");
    }

    /// <summary>Counts per country and day (no person in them): that country's recorders and caseworkers, auditors, admins.</summary>
    public void MayReadTraffic(string country)
    {
        if (IsAny(Role.Auditor, Role.Admin) || (IsAny(Role.Recorder, Role.Caseworker) && Countries.Contains(country))) return;
        throw Refused($"this token may not read border traffic for {country}");
    }

    /// <summary>
    /// Which state a shared-records view is answered for. Readers of the whole record (caseworkers, auditors, admins,
    /// the traveller) may ask as any state; a partner only as its own one country (<c>?requester=</c> absent or equal).
    /// </summary>
    public string SharedRecordsRequester(Guid traveller, string? requester)
    {
        if (IsAny(Role.Caseworker, Role.Auditor, Role.Admin) || IsTraveller(traveller))
            return Parse.Country(requester, "requester");
        if (!Is(Role.Partner)) throw Refused("this token may not read this traveller's shared records");
        if (Countries.Count != 1) throw Refused("a partner token must carry exactly one country");
        var own = Countries.Single();
        if (!string.IsNullOrEmpty(requester) && requester != own)
            throw Refused($"a partner token for {own} may only ask as {own}");
        return own;
    }

    /// <summary>Which warnings of the feed a principal may see: null for all, else a filter.</summary>
    public AlertScope Alerts()
    {
        if (IsAny(Role.Auditor, Role.Admin)) return Ledger.Access.AlertScope.All;
        if (Is(Role.Caseworker)) return new AlertScope(Countries, null);
        if (Is(Role.Traveller) && Traveller is { } own) return new AlertScope(null, own);
        throw Refused("the alerts feed is for caseworkers, travellers (their own), auditors and admins");
    }

    private static LedgerProblem Refused(string detail) => LedgerProblem.Forbidden(detail);

    /// <summary>
    /// Whether a rights check passes, asked without answering 403: for a read that leaves out what the caller may not
    /// see, and for pages that offer only the acts the API would allow. Every check here refuses with 403 and nothing else.
    /// </summary>
    public static bool Allows(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (LedgerProblem refused) when (refused.Status == StatusCodes.Status403Forbidden)
        {
            return false;
        }
    }

    /// <summary>The caller of this request (authentication has run: every route but /health and /openapi requires it).</summary>
    public static Caller Of(HttpContext http)
    {
        if (http.Items[typeof(Caller)] is Caller cached) return cached;
        var caller = From(http.User, http.RequestServices.GetRequiredService<AuthOptions>());
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    public static Caller From(ClaimsPrincipal user, AuthOptions options)
    {
        var roles = user.FindAll(options.RoleClaim)
            // One named role per claim: Enum.TryParse would OR a comma list ("caseworker,auditor") into another role.
            .Select(c => !c.Value.Contains(',') && !int.TryParse(c.Value, out _) && Enum.TryParse<Role>(c.Value, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : (Role?)null)
            .OfType<Role>().ToHashSet();
        var countries = user.FindAll(options.CountryClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Guid? traveller = Guid.TryParse(user.FindFirst(options.TravellerClaim)?.Value, out var t) ? t : null;
        // Tokens without a subject are refused at validation (LedgerAuthentication), so every principal is someone.
        var subject = user.FindFirst("sub")?.Value ?? throw new InvalidOperationException("an authenticated token without a subject");
        return new Caller(subject, roles, countries, traveller);
    }
}

/// <summary>The warnings a principal may see: all, those of stays in some countries, or one traveller's.</summary>
public sealed record AlertScope(IReadOnlySet<string>? Countries, Guid? Traveller)
{
    public static readonly AlertScope All = new(null, null);
}
