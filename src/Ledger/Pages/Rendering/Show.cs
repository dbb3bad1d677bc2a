using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Ledger.Pages.Rendering;

/// <summary>
/// Renders whatever a read model returns, field by field: a list of records as a table whose columns are the record's
/// properties, one record as a definition list. A field added to a read model shows on the pages without touching
/// them. Dates are ISO (yyyy-MM-dd), enums as the API spells them, absent values as a dash.
/// </summary>
public static class Show
{
    /// <summary>"IssuingState" → "issuing state".</summary>
    public static string Label(string name)
    {
        var words = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) words.Append(' ');
            words.Append(i == 0 ? name[i] : char.ToLowerInvariant(name[i]));
        }
        return words.ToString();
    }

    /// <summary>One value as text: ISO dates, camelCase enums, lists joined, nested records as "field: value".</summary>
    public static string Text(object? value) => value switch
    {
        null => "—",
        string s => s.Length == 0 ? "—" : s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        Enum e => Camel(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Text)) is { Length: > 0 } joined ? joined : "—",
        _ when IsRecord(value.GetType()) => string.Join("; ", Properties(value.GetType()).Select(p => $"{Label(p.Name)}: {Text(p.GetValue(value))}")),
        _ => value.ToString() ?? "—",
    };

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>A table of records: one row per record, one column per property (minus <paramref name="skip"/>).</summary>
    public static IHtmlContent Table<T>(IEnumerable<T> rows, string caption, params string[] skip)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return new HtmlString($"<p class=\"empty\">{Encode(caption)}: none recorded.</p>");
        var type = list[0]!.GetType();
        var columns = Properties(type).Where(p => !skip.Contains(p.Name)).ToList();
        return Grid(caption, columns.Select(c => Label(c.Name)).ToList(), list.Select(row => columns.Select(c => Text(c.GetValue(row))).ToList()).ToList());
    }

    /// <summary>
    /// A table of text cells. It fits from a 320 px phone to a wide screen: long values wrap, and on a narrow screen each
    /// row is stacked (every cell on its own line, labelled with its column, <c>data-label</c>). Its region can take the
    /// keyboard's focus (tabindex, role and name), should it still have to scroll.
    /// </summary>
    public static IHtmlContent Grid(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"").Append(Encode(caption)).Append("\"><table class=\"stack\"><caption>")
            .Append(Encode(caption)).Append("</caption><thead><tr>");
        foreach (var h in headers) html.Append("<th scope=\"col\">").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < headers.Count; i++)
                html.Append("<td data-label=\"").Append(Encode(headers[i])).Append("\">").Append(Encode(i < row.Count ? row[i] : "—")).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        return new HtmlString(html.ToString());
    }

    /// <summary>One record as a definition list.</summary>
    public static IHtmlContent Fields(object record, params string[] skip)
    {
        var html = new StringBuilder("<dl class=\"fields\">");
        foreach (var p in Properties(record.GetType()).Where(p => !skip.Contains(p.Name)))
            html.Append("<div><dt>").Append(Encode(Label(p.Name))).Append("</dt><dd>").Append(Encode(Text(p.GetValue(record)))).Append("</dd></div>");
        return new HtmlString(html.Append("</dl>").ToString());
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken);

    // Records have a compiler-generated <Clone>$ method.
    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
