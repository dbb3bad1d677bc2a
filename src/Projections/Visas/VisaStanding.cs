using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Visas;

/// <summary>What a visa is on a given day. Derived on read from the visa's facts and the crossings, never stored.</summary>
public enum VisaState { NotYetValid, Valid, Expired, EntriesUsed, Revoked, Annulled }

/// <summary>A visa's state on a day, with the entries it has been used for by then (<c>EntriesAllowed</c> null: multiple).</summary>
public sealed record VisaStandingOn(VisaState Status, int EntriesUsed, int? EntriesAllowed);

/// <summary>
/// The derived status of a visa on a day. In order:
/// <list type="bullet">
/// <item><c>annulled</c> on every day: annulment means its conditions were never met, so it never was valid (as it
/// never covers days as a permit either);</item>
/// <item><c>revoked</c> from its revocation date on (it was valid before);</item>
/// <item><c>notYetValid</c> before <c>validFrom</c>; <c>expired</c> after <c>validUntil</c> (both days inclusive in validity);</item>
/// <item><c>entriesUsed</c> for a single- or double-entry visa whose last allowed entry into its area (made while
/// valid) has been followed by an exit from the area: from the day after that exit. During the stay that used the last
/// entry, and on the day of the exit, the visa is still <c>valid</c>; it just cannot be used to enter again;</item>
/// <item>otherwise <c>valid</c>.</item>
/// </list>
/// The visa's area is its issuer's (visa-categories.json): every member of the regime for an area issuer (Schengen),
/// the issuing state alone otherwise. An entry counts when the traveller was not already inside the area (moving
/// between two members without an exit is no new entry). Only crossings dated on or before the day count.
/// </summary>
public static class VisaStanding
{
    public static VisaStandingOn On(Visa visa, DateOnly day, IEnumerable<Crossing> crossings, RuleSet rules, VisaCategories categories)
    {
        var allowed = visa.Entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => (int?)null };
        var (used, exitAfterLast) = Entries(visa, day, crossings, InArea(visa, rules, categories), allowed);
        var status = visa switch
        {
            { Status: VisaStatus.Annulled } => VisaState.Annulled,
            { Status: VisaStatus.Revoked, EndedOn: { } revoked } when day >= revoked => VisaState.Revoked,
            _ when day < visa.ValidFrom => VisaState.NotYetValid,
            _ when day > visa.ValidUntil => VisaState.Expired,
            _ when exitAfterLast is { } exit && exit < day => VisaState.EntriesUsed,
            _ => VisaState.Valid,
        };
        return new VisaStandingOn(status, used, allowed);
    }

    /// <summary>Whether a crossing's country on its date is in the visa's area.</summary>
    public static Func<string, DateOnly, bool> InArea(Visa visa, RuleSet rules, VisaCategories categories)
    {
        var area = categories.IssuerOf(visa.IssuingState)?.Area;
        var regime = area is null ? null : rules.Regimes.FirstOrDefault(r => r.Id == area);
        return regime is null
            ? (country, _) => country == visa.IssuingState
            : (country, date) => regime.IsMemberOn(country, date);
    }

    /// <summary>Entries into the area made while the visa was valid, up to <paramref name="day"/>; and the exit that ended the stay of the last allowed one.</summary>
    private static (int Used, DateOnly? ExitAfterLast) Entries(
        Visa visa, DateOnly day, IEnumerable<Crossing> crossings, Func<string, DateOnly, bool> inArea, int? allowed)
    {
        var (used, inside, lastUsed) = (0, false, false);
        foreach (var c in crossings.Where(c => c.Date <= day).Order(Crossing.ByWhenItHappened))
        {
            var intoArea = inArea(c.Country, c.Date);
            if (c.Direction == Direction.Entry)
            {
                if (intoArea && !inside && visa.ValidFrom <= c.Date && c.Date <= visa.ValidUntil && (allowed is null || used < allowed))
                {
                    used++;
                    lastUsed = used == allowed;
                }
                inside = intoArea;
            }
            else if (intoArea && inside)
            {
                inside = false;
                if (lastUsed) return (used, c.Date);
            }
        }
        return (used, null);
    }
}
