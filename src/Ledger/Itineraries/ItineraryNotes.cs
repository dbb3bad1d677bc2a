using System.Globalization;
using Ledger.Projections.Itineraries;
using Ledger.Projections.StayRules;

namespace Ledger.Itineraries;

/// <summary>
/// What an itinerary answer rests on that its figures do not say, added to each leg by the check endpoints: a leg that
/// starts before today (<see cref="LegResult.Past"/>, the service's clock), and, on the first leg, a stay the record
/// leaves open (an entry with no exit) in another country, which the check counts as lasting until the day before the leg.
/// </summary>
public static class ItineraryNotes
{
    public static ItineraryAnswer Annotate(ItineraryAnswer answer, TravelHistory history, DateOnly today)
    {
        var legs = new List<LegResult>(answer.Legs.Count);
        for (var i = 0; i < answer.Legs.Count; i++)
        {
            var leg = answer.Legs[i];
            var notes = new List<string>();
            var past = leg.From < today;
            if (past)
                notes.Add(leg.To < today
                    ? $"this leg lies in the past ({Iso(leg.From)} to {Iso(leg.To)}, before today, {Iso(today)}): it is answered as a plan, from the record as it stands; days already spent are counted from recorded crossings, so record them instead"
                    : $"this leg starts on {Iso(leg.From)}, before today ({Iso(today)}): it is answered as a plan, from the record as it stands");
            if (i == 0 && OpenStayBefore(history, leg) is { } open)
                notes.Add($"the record shows an open stay in {CountryNames.WithCode(open.Country)} since {Iso(open.Entry)} (no exit recorded); "
                    + $"this check counts it as lasting until {Iso(leg.From.AddDays(-1))}, the day before this leg: record the exit if the stay ended earlier");
            legs.Add(leg with { Past = past, Notes = notes });
        }
        return answer with { Legs = legs };
    }

    /// <summary>The latest stay with no exit that began on or before the leg, in another country than the leg's.</summary>
    private static Stay? OpenStayBefore(TravelHistory history, LegResult leg) =>
        history.Stays.Where(s => s.Exit is null && s.Entry <= leg.From).MaxBy(s => s.Entry) is { } open && open.Country != leg.Country ? open : null;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
