using System.Globalization;
using Ledger.Projections.StayRules;
using Ledger.Problems;

namespace Ledger.Screening;

/// <summary>
/// Strict parsing of what is not a typed body (query strings, import and CLI fields) and the domain checks typed bodies
/// share (country codes, time zones), with the messages <see cref="RequestShape"/> gives a body: the field, "missing"
/// for an absent one, and the form expected.
/// </summary>
public static class Parse
{
    /// <summary>Dates the ledger accepts anywhere: wide enough for any living traveller and any plan, far from overflow.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>Documented maxima (docs/api.md, "Limits" under "HTTP API"): ids and codes, names, free text, list lengths.</summary>
    public const int MaxIdLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxDocuments = 10;
    public const int MaxNationalities = 10;
    /// <summary>Any other list in a request, unless its model says otherwise.</summary>
    public const int MaxListItems = 100;

    /// <summary>What a message may quote of a client's value: enough to recognise it, never a megabyte back.</summary>
    public static string Shown(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

    public static DateOnly Date(string? text, string field)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw LedgerProblem.BadRequest(string.IsNullOrEmpty(text) ? $"{field} is missing ({RequestShape.DateForm})" : NotADate(field, text));
        if (d < EarliestDate || d > LatestDate)
            throw LedgerProblem.BadRequest($"{field} {text} is outside the supported range {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}");
        return d;
    }

    /// <summary>
    /// Why a text is not a date: "2026-02-30 is not a day of the calendar" when it has the form but names no day (the
    /// client's form is right, its day is wrong), else that the form is not yyyy-MM-dd.
    /// </summary>
    public static string NotADate(string field, string text) =>
        HasDateForm(text) ? $"{field} {text} is not a day of the calendar" : $"{field} '{Shown(text)}' is not {RequestShape.DateForm}";

    private static bool HasDateForm(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' && text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') is false
        && text.AsSpan(5, 2).ContainsAnyExceptInRange('0', '9') is false && text.AsSpan(8, 2).ContainsAnyExceptInRange('0', '9') is false;

    public static DateOnly? OptionalDate(string? text, string field) => string.IsNullOrEmpty(text) ? null : Date(text, field);

    /// <summary>An ISO 8601 instant with offset, e.g. 2026-05-01T12:00:00Z.</summary>
    public static DateTimeOffset? OptionalInstant(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw LedgerProblem.BadRequest($"{field} '{Shown(text)}' is not an ISO 8601 instant (e.g. 2026-05-01T12:00:00Z)");
    }

    public static TimeOnly? OptionalTime(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return TimeOfDay(text) ?? throw LedgerProblem.BadRequest($"{field} '{Shown(text)}' is not {RequestShape.TimeForm}");
    }

    /// <summary>HH:mm or HH:mm:ss, or null.</summary>
    public static TimeOnly? TimeOfDay(string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static string Country(string? code, string field) =>
        code is not null && CountryCodes.IsKnown(code)
            ? code
            : throw LedgerProblem.BadRequest(string.IsNullOrEmpty(code) ? $"{field} is missing (an ISO 3166-1 alpha-2 code, e.g. FR)" : $"{field} '{Shown(code)}' is not an ISO 3166-1 alpha-2 country code (upper case, e.g. FR)");

    public static string? OptionalTimeZone(string? id, string field)
    {
        if (string.IsNullOrEmpty(id)) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? id
            : throw LedgerProblem.BadRequest($"{field} '{Shown(id)}' is not a known IANA time zone (e.g. Europe/Paris)");
    }

    public static TEnum Enum<TEnum>(string? text, string field, TEnum? fallback = null) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text) && fallback is { } f) return f;
        if (EnumValue(typeof(TEnum), text) is TEnum value) return value;
        throw LedgerProblem.BadRequest(string.IsNullOrEmpty(text) ? $"{field} is missing (one of: {EnumNames(typeof(TEnum))})" : $"{field} '{Shown(text)}' is not one of: {EnumNames(typeof(TEnum))}");
    }

    /// <summary>
    /// One named value of the enum, any case, or null: no numbers, no comma lists ("medium,high" would otherwise parse
    /// as an undefined combination).
    /// </summary>
    public static object? EnumValue(Type enumType, string? text) =>
        text is not null && EnumValues.GetOrAdd(enumType, static t => System.Enum.GetNames(t)
            .ToDictionary(n => n, n => System.Enum.Parse(t, n), StringComparer.OrdinalIgnoreCase)).TryGetValue(text, out var value)
            ? value
            : null;

    /// <summary>Each enum's named values by name in any case, read once (every typed request checks its enums by name).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<string, object>> EnumValues = new();

    /// <summary>The names clients write: camelCase, as the JSON shows them.</summary>
    public static string EnumNames(Type enumType) =>
        string.Join(", ", System.Enum.GetNames(enumType).Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    /// <summary>A single-line value (an id, a code, a name): present, at most <paramref name="maxLength"/>, no control characters.</summary>
    public static string Required(string? text, string field, int maxLength = MaxIdLength) =>
        string.IsNullOrWhiteSpace(text) ? throw LedgerProblem.BadRequest($"{field} is missing")
        : text.Length > maxLength ? throw LedgerProblem.BadRequest($"{field} is longer than {maxLength} characters")
        : HasControl(text, allowLineBreaks: false) ? throw LedgerProblem.BadRequest($"{field} must be one line without control characters")
        : text;

    public static string? Optional(string? text, string field, int maxLength = MaxIdLength) => text is null ? null : Required(text, field, maxLength);

    /// <summary>A control character (U+0000-U+001F, U+007F-U+009F); line feed, carriage return and tab allowed in free text.</summary>
    public static bool HasControl(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')) return true;
        return false;
    }
}
