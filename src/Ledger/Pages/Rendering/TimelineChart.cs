using System.Globalization;
using System.Net;
using System.Text;
using Ledger.Projections.StayRules;

namespace Ledger.Pages.Rendering;

/// <summary>
/// The traveller page's timeline as an SVG drawn on the server (no script): days used per day, as the engine counts
/// them (<see cref="DailyCount"/>), against the regime's limit; the stays as bars by country underneath; unlawful and
/// uncertain days marked in a band of their own (colour and pattern, so they are told apart without colour); today
/// as a vertical line; the legs of stored plans ahead as outlined bars in their country's lane, with the days used the
/// plans would lead to as a dashed line. Pure: the same inputs draw the same picture, so it can be tested as text.
/// </summary>
public static class TimelineChart
{
    private const int Width = 760, Left = 44, Right = 12, Top = 28, PlotHeight = 170, MarkBand = 14, LaneHeight = 14;
    private static readonly string[] Palette = ["#1f5fa8", "#8a4b00", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#4e342e", "#283593"];

    /// <param name="Planned">Legs of stored plans from tomorrow on (each as a stay).</param>
    /// <param name="DaysIfPlanned">Days used from today on if the planned legs are made (empty without plans).</param>
    public sealed record Input(string RegimeId, string RegimeName, int LimitDays, int WindowDays, DateOnly Today,
        IReadOnlyList<DailyCount> Days, IReadOnlyList<Stay> Stays, IReadOnlyList<Stay>? Planned = null, IReadOnlyList<DailyCount>? DaysIfPlanned = null);

    public static string Svg(Input input)
    {
        var days = input.Days;
        if (days.Count == 0) return "";
        var first = days[0].Day;
        var last = days[^1].Day;
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        var planned = (input.Planned ?? []).Where(s => s.Entry <= last).ToList();
        var ifPlanned = input.DaysIfPlanned ?? [];
        var countries = input.Stays.Where(s => s.Entry <= last && (s.Exit ?? input.Today) >= first)
            .Concat(planned).Select(s => s.Country).Distinct().Order().ToList();
        var plotWidth = Width - Left - Right;
        var yMax = Math.Max(input.LimitDays, days.Concat(ifPlanned).Max(d => Math.Max(d.DaysUsed, d.DaysUsedIfPresent))) + 10;
        var marksTop = Top + PlotHeight + 22;
        var lanesTop = marksTop + MarkBand + 10;
        var height = lanesTop + Math.Max(1, countries.Count) * (LaneHeight + 4) + 8;

        double X(DateOnly d) => Left + (double)(d.DayNumber - first.DayNumber) / span * plotWidth;
        double Y(int used) => Top + PlotHeight - (double)used / yMax * PlotHeight;
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var today = days.FirstOrDefault(d => d.Day == input.Today) ?? days[^1];
        var peak = days.MaxBy(d => d.DaysUsed)!;
        var unlawful = days.Count(d => d.Unlawful);
        var uncertain = days.Count(d => d.Uncertain);
        var id = "chart-" + input.RegimeId;
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"timeline\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\" data-regime=\"{E(input.RegimeId)}\" data-today-days-used=\"{today.DaysUsed}\" data-limit=\"{input.LimitDays}\">");
        svg.Append($"<title id=\"{id}-title\">{E(input.RegimeName)}: days used per day, {Iso(first)} to {Iso(last)}</title>");
        svg.Append($"<desc id=\"{id}-desc\">On {Iso(today.Day)} {today.DaysUsed} of {input.LimitDays} days used in the {input.WindowDays}-day window; "
            + $"highest {peak.DaysUsed} on {Iso(peak.Day)}; {unlawful} unlawful days and {uncertain} uncertain days in this period"
            + (planned.Count == 0 ? "." : $"; {planned.Count} planned legs ahead, up to {ifPlanned.Select(d => d.DaysUsed).DefaultIfEmpty().Max()} days used if they are made.") + "</desc>");
        svg.Append("<defs><pattern id=\"").Append(id).Append("-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"4\" fill=\"#b35c00\"/></pattern></defs>");

        // Axes, month ticks (ISO first days), the horizontal grid.
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{PlotHeight}\" fill=\"#fff\" stroke=\"#555\"/>");
        for (var m = new DateOnly(first.Year, first.Month, 1).AddMonths(1); m <= last; m = m.AddMonths(1))
        {
            var x = N(X(m));
            svg.Append($"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{Top + PlotHeight}\" stroke=\"#ddd\"/>");
            if (m.Month % 2 == 1)
                svg.Append($"<text x=\"{x}\" y=\"{Top + PlotHeight + 14}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">{Iso(m)}</text>");
        }
        for (var v = 0; v <= yMax; v += 30)
            svg.Append($"<text x=\"{Left - 6}\" y=\"{N(Y(v) + 4)}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{v}</text>");

        // The limit line.
        svg.Append($"<line class=\"limit\" x1=\"{Left}\" y1=\"{N(Y(input.LimitDays))}\" x2=\"{Left + plotWidth}\" y2=\"{N(Y(input.LimitDays))}\" stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>");
        svg.Append($"<text x=\"{Left + 4}\" y=\"{N(Y(input.LimitDays) - 4)}\" font-size=\"11\" fill=\"#b00020\">limit {input.LimitDays} days</text>");

        // Upper figure (uncertain days counted as present) only where it differs, then the days used.
        if (days.Any(d => d.DaysUsedIfPresent != d.DaysUsed))
            svg.Append("<polyline class=\"if-present\" fill=\"none\" stroke=\"#b35c00\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\" points=\"")
                .Append(string.Join(' ', days.Select(d => $"{N(X(d.Day))},{N(Y(d.DaysUsedIfPresent))}"))).Append("\"/>");
        svg.Append("<polyline class=\"days-used\" fill=\"none\" stroke=\"#1f3b73\" stroke-width=\"2\" points=\"")
            .Append(string.Join(' ', days.Select(d => $"{N(X(d.Day))},{N(Y(d.DaysUsed))}"))).Append("\"/>");

        // Where the stored plans would lead.
        if (planned.Count > 0 && ifPlanned.Count > 0)
            svg.Append("<polyline class=\"days-used-planned\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\"")
                .Append(string.Join(' ', ifPlanned.Select(d => $"{N(X(d.Day))},{N(Y(d.DaysUsed))}"))).Append("\"/>");

        // Today.
        var tx = N(X(today.Day));
        svg.Append($"<line class=\"today\" x1=\"{tx}\" y1=\"{Top - 6}\" x2=\"{tx}\" y2=\"{lanesTop + countries.Count * (LaneHeight + 4)}\" stroke=\"#000\" stroke-width=\"1\"/>");
        var anchor = X(today.Day) > Width / 2 ? "end" : "start";
        svg.Append($"<text class=\"today-figure\" x=\"{tx}\" y=\"{Top - 10}\" font-size=\"12\" text-anchor=\"{anchor}\" fill=\"#000\">today {Iso(today.Day)}: {today.DaysUsed} of {input.LimitDays} days used</text>");

        // Unlawful and uncertain days, in their own band.
        svg.Append($"<text x=\"{Left - 6}\" y=\"{marksTop + 10}\" font-size=\"9\" text-anchor=\"end\" fill=\"#333\">marks</text>");
        var dayWidth = N(Math.Max(1.0, (double)plotWidth / span));
        foreach (var d in days.Where(d => d.Unlawful))
            svg.Append($"<rect class=\"unlawful\" x=\"{N(X(d.Day))}\" y=\"{marksTop}\" width=\"{dayWidth}\" height=\"{MarkBand / 2}\" fill=\"#b00020\"><title>{Iso(d.Day)} unlawful ({d.DaysUsed} days used)</title></rect>");
        foreach (var d in days.Where(d => d.Uncertain))
            svg.Append($"<rect class=\"uncertain\" x=\"{N(X(d.Day))}\" y=\"{marksTop + MarkBand / 2}\" width=\"{dayWidth}\" height=\"{MarkBand / 2}\" fill=\"url(#{id}-hatch)\"><title>{Iso(d.Day)} uncertain</title></rect>");

        // Stays as bars, one lane per country.
        for (var lane = 0; lane < countries.Count; lane++)
        {
            var country = countries[lane];
            var y = lanesTop + lane * (LaneHeight + 4);
            var colour = Palette[lane % Palette.Length];
            svg.Append($"<text x=\"{Left - 6}\" y=\"{y + 11}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{E(country)}</text>");
            foreach (var s in input.Stays.Where(s => s.Country == country))
            {
                var from = s.Entry < first ? first : s.Entry;
                var to = (s.Exit ?? input.Today) > last ? last : s.Exit ?? input.Today;
                if (to < first || from > last) continue;
                var w = Math.Max(2, X(to) - X(from) + plotWidth / (double)span);
                var label = $"{country} {Iso(s.Entry)} to {(s.Exit is { } exit ? Iso(exit) : "no exit recorded")}";
                svg.Append($"<rect class=\"stay\" data-country=\"{E(country)}\" x=\"{N(X(from))}\" y=\"{y}\" width=\"{N(w)}\" height=\"{LaneHeight}\" fill=\"{colour}\"><title>{E(label)}</title></rect>");
            }
            foreach (var s in planned.Where(s => s.Country == country))
            {
                var to = s.Exit is { } end && end < last ? end : last;
                var w = Math.Max(2, X(to) - X(s.Entry) + plotWidth / (double)span);
                var label = $"planned: {country} {Iso(s.Entry)} to {(s.Exit is { } exit ? Iso(exit) : "")}";
                svg.Append($"<rect class=\"planned\" data-country=\"{E(country)}\" x=\"{N(X(s.Entry))}\" y=\"{y + 1}\" width=\"{N(w)}\" height=\"{LaneHeight - 2}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"><title>{E(label)}</title></rect>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
