using Ledger.Projections.Visas;
using Ledger.Screening;

namespace Ledger.Visas;

/// <summary>
/// The <c>type</c> of an application or visa is a category code of its state (Projections/Visas/visa-categories.json),
/// in any case on input and stored as the file spells it.
/// </summary>
public static class VisaTypes
{
    /// <summary>Adds a 400 to <paramref name="errors"/> unless <paramref name="type"/> is a category of <paramref name="state"/>.</summary>
    public static void Check(string? state, string? type, string field, FieldErrors errors)
    {
        if (state is null || !Ledger.Projections.StayRules.CountryCodes.IsKnown(state)) return;
        var categories = VisaCategories.Default.Of(state);
        if (categories.Count == 0)
            errors.Add(field, $"no visa categories are recorded for {state} (visa-categories.json covers {string.Join(", ", VisaCategories.Default.States)})");
        else if (type is null)
            errors.Add(field, $"{field} is missing (a visa category of {state}: one of {string.Join(", ", categories.Select(c => c.Code))})");
        else if (VisaCategories.Default.Find(state, type) is null)
            errors.Add(field, $"{field} '{Parse.Shown(type)}' is not a visa category of {state}: one of {string.Join(", ", categories.Select(c => c.Code))}");
    }

    /// <summary>The code as the file spells it (call after <see cref="Check"/> passed).</summary>
    public static string Canonical(string state, string type) => VisaCategories.Default.Find(state, type)?.Code ?? type;
}
