using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;

namespace Ledger.Projections.Evidence;

/// <summary>Stays, the days still uncertain, and every anomaly with its status: what the engine and the reads need.</summary>
public sealed record SettledRecords(IReadOnlyList<Stay> Stays, IReadOnlyList<UncertainDays> Uncertain, IReadOnlyList<Anomaly> Anomalies);

/// <summary>
/// Applies evidence and decisions to the uncertain days of the anomalies. Pure.
/// - A decision (<see cref="AnomalyResolved"/>) takes every uncertain day of its anomaly as present or absent.
/// - Otherwise evidence settles the days it covers (bounds inclusive): <c>presentIn</c> a country of the anomaly's area
///   makes them present; <c>presentIn</c> a country of another area, or <c>absentFrom</c> the area (or a country in
///   it), makes them absent. A day with evidence both ways stays uncertain.
/// An anomaly whose days are all settled is <c>resolved</c>, naming the evidence or the decision.
/// </summary>
public static class Settlement
{
    public static SettledRecords Settle(Pairing pairing, EvidenceBook book, RuleSet rules)
    {
        if (pairing.Anomalies.Count == 0) return new SettledRecords(pairing.Stays, [], []);
        var stays = pairing.Stays.ToList();
        var uncertain = new List<UncertainDays>();
        var anomalies = new List<Anomaly>();
        var evidence = book.Current.ToList();
        foreach (var anomaly in pairing.Anomalies)
        {
            if (anomaly.UncertainFrom is not { } first || anomaly.UncertainTo is not { } last) { anomalies.Add(anomaly); continue; }
            var span = DayRange.Of(first, last);

            if (book.DecisionOn(anomaly.AnomalyId) is { } decision)
            {
                if (decision.Presumption == Presumption.Present) stays.Add(new Stay(first, last, anomaly.Country));
                anomalies.Add(anomaly with
                {
                    Status = AnomalyStatus.Resolved,
                    Resolution = new AnomalyResolution("decision", [], Camel(decision.Presumption.ToString()), decision.Reason),
                });
                continue;
            }

            var present = new List<(DayRange Days, string Id)>();
            var absent = new List<(DayRange Days, string Id)>();
            foreach (var e in evidence)
            {
                if (DayRange.Of(e.First, e.Last).Intersect(span) is not { } days) continue;
                if (e.PresentIn is { } country)
                    (StayPairing.AreaOf(country, days.FirstDate, rules) == anomaly.Area ? present : absent).Add((days, e.EvidenceId));
                else if (e.AbsentFrom is { } area && (area == anomaly.Area || StayPairing.AreaOf(area, days.FirstDate, rules) == anomaly.Area))
                    absent.Add((days, e.EvidenceId));
            }
            var settledPresent = Minus(present.Select(p => p.Days), absent.Select(a => a.Days));
            var settledAbsent = Minus(absent.Select(a => a.Days), present.Select(p => p.Days));
            var left = Minus([span], settledPresent.Concat(settledAbsent));

            stays.AddRange(settledPresent.Select(p => new Stay(p.FirstDate, p.LastDate, anomaly.Country)));
            uncertain.AddRange(left.Select(u => new UncertainDays(anomaly.AnomalyId, anomaly.Country, u.FirstDate, u.LastDate)));
            var used = present.Where(p => settledPresent.Any(s => s.Intersect(p.Days) is not null))
                .Concat(absent.Where(a => settledAbsent.Any(s => s.Intersect(a.Days) is not null)))
                .Select(x => x.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            anomalies.Add(left.Count == 0 && used.Count > 0
                ? anomaly with { Status = AnomalyStatus.Resolved, Resolution = new AnomalyResolution("evidence", used, null, null) }
                : anomaly);
        }
        return new SettledRecords(stays.OrderBy(s => s.Entry).ToList(), uncertain, anomalies);
    }

    private static List<DayRange> Minus(IEnumerable<DayRange> from, IEnumerable<DayRange> holes)
    {
        var pieces = from.ToList();
        foreach (var hole in holes) pieces = pieces.SelectMany(p => p.Minus(hole)).ToList();
        return pieces;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
