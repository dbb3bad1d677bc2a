using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Movements;

/// <summary>
/// Stays cut at the moves made during them, so each day belongs to the country the traveller was in (per-country
/// figures, per-country agreements) while area rules still count the area once: the pieces stay in one area, and a
/// day counted in two pieces is one day of presence. Pure.
/// </summary>
public static class MovementSplit
{
    /// <summary>
    /// A move on day D during a stay, to another country of the stay's area, ends the piece before it on D and begins
    /// the next on D (the travel day is in both countries, as a crossing day is). Moves outside every stay, or to
    /// another area, change nothing: a crossing is what leaves an area.
    /// </summary>
    public static IReadOnlyList<Stay> Apply(IReadOnlyList<Stay> stays, IReadOnlyCollection<MovementRecorded> movements, RuleSet rules)
    {
        if (movements.Count == 0) return stays;
        var result = new List<Stay>(stays.Count + movements.Count);
        foreach (var stay in stays)
        {
            var area = StayPairing.AreaOf(stay.Country, stay.Entry, rules);
            var moves = movements
                .Where(m => m.Date > stay.Entry && (stay.Exit is null || m.Date <= stay.Exit) && StayPairing.AreaOf(m.Country, m.Date, rules) == area)
                .OrderBy(m => m.Date).ThenBy(m => m.MovementId, StringComparer.Ordinal).ToList();
            var (from, country, admittedUntil) = (stay.Entry, stay.Country, stay.AdmittedUntil);
            foreach (var move in moves)
            {
                if (move.Country == country) continue;
                result.Add(new Stay(from, move.Date, country, admittedUntil));
                (from, country, admittedUntil) = (move.Date, move.Country, null);
            }
            result.Add(new Stay(from, stay.Exit, country, admittedUntil));
        }
        return result;
    }
}
