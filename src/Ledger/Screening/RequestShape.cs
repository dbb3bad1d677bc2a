using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Ledger.Screening;

/// <summary>
/// Checks a JSON body against the typed request model it will be bound to, field by field, before binding: required
/// fields present, each value of its declared type and form (ISO dates, times of day, one named enum value, whole
/// numbers, lists and objects), strings within their length and free of control characters, lists within their count.
/// Binding (System.Text.Json) stops at the first problem; this reports all of them, by field, so a client fixes a
/// request in one round trip. What the model declares here is also what the OpenAPI document shows (required,
/// <c>format: date</c>, string enums, maxLength, maxItems). Domain rules (a known country, a time zone, a date not in
/// the future) are the endpoint's own <c>Validate</c> step.
/// </summary>
public static class RequestShape
{
    public const string DateForm = "an ISO date, yyyy-MM-dd";
    public const string TimeForm = "a time of day, HH:mm or HH:mm:ss";

    public static FieldErrors Check(JsonElement body, Type model) => Check(body, [model]);

    /// <summary>One JSON object that two models read (an import line: whose crossing it is, and the crossing's body).</summary>
    public static FieldErrors Check(JsonElement body, IReadOnlyList<Type> models)
    {
        var errors = new FieldErrors();
        var properties = PropertiesOf(body, "", errors);
        foreach (var model in models) CheckFields(properties, model, "", errors);
        return errors;
    }

    private static void CheckObject(JsonElement json, Type model, string prefix, FieldErrors errors) =>
        CheckFields(PropertiesOf(json, prefix, errors), model, prefix, errors);

    /// <summary>
    /// The object's properties by name, in any case, as System.Text.Json's web defaults bind them. Binding would take
    /// the last of two same-named keys while the checks read the first: a repeated key is refused instead, so what is
    /// checked is what is bound.
    /// </summary>
    private static Dictionary<string, JsonElement> PropertiesOf(JsonElement json, string prefix, FieldErrors errors)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in json.EnumerateObject())
            if (!properties.TryAdd(property.Name, property.Value))
                errors.Add(prefix + property.Name, $"{prefix}{Parse.Shown(property.Name)} appears more than once");
        return properties;
    }

    private static void CheckFields(Dictionary<string, JsonElement> properties, Type model, string prefix, FieldErrors errors)
    {
        foreach (var field in FieldsOf(model))
        {
            var name = prefix + field.JsonName;
            if (!properties.TryGetValue(field.JsonName, out var present) || present.ValueKind == JsonValueKind.Null)
            {
                if (field.Required) errors.Add(name, $"{name} is missing{Hint(field.Type)}");
                continue;
            }
            CheckValue(present, field.Type, field, name, errors);
        }
    }

    private static void CheckValue(JsonElement value, Type type, Field field, string name, FieldErrors errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) CheckString(value, field, name, errors);
        else if (type == typeof(DateOnly)) CheckDate(value, name, errors);
        else if (type == typeof(TimeOnly))
        {
            if (value.ValueKind != JsonValueKind.String || Parse.TimeOfDay(value.GetString()) is null)
                errors.Add(name, $"{name} {Quoted(value)} is not {TimeForm}");
        }
        else if (type.IsEnum)
        {
            if (value.ValueKind != JsonValueKind.String || Parse.EnumValue(type, value.GetString()) is null)
                errors.Add(name, $"{name} {Quoted(value)} is not one of: {Parse.EnumNames(type)}");
        }
        else if (type == typeof(int))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _)) errors.Add(name, $"{name} {Quoted(value)} is not a whole number");
        }
        else if (type == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add(name, $"{name} must be true or false");
        }
        else if (type == typeof(Guid))
        {
            if (value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out _)) errors.Add(name, $"{name} {Quoted(value)} is not a UUID");
        }
        else if (ElementTypeOf(type) is { } element) CheckList(value, element, field, name, errors);
        else if (value.ValueKind != JsonValueKind.Object) errors.Add(name, $"{name} must be an object");
        else CheckObject(value, type, name + ".", errors);
    }

    private static void CheckString(JsonElement value, Field field, string name, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.String) { errors.Add(name, $"{name} must be a string"); return; }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) errors.Add(name, field.Required ? $"{name} is missing (it is empty)" : $"{name} is empty; leave it out instead");
        else if (text.Length > field.MaxLength) errors.Add(name, $"{name} is longer than {field.MaxLength} characters");
        else if (Parse.HasControl(text, allowLineBreaks: field.FreeText))
            errors.Add(name, field.FreeText ? $"{name} must not contain control characters other than line breaks and tabs" : $"{name} must be one line without control characters");
    }

    private static void CheckDate(JsonElement value, string name, FieldErrors errors)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add(name, text is null ? $"{name} {Quoted(value)} is not {DateForm}" : Parse.NotADate(name, text));
        else if (date < Parse.EarliestDate || date > Parse.LatestDate)
            errors.Add(name, $"{name} {text} is outside the supported range {Parse.EarliestDate:yyyy-MM-dd} to {Parse.LatestDate:yyyy-MM-dd}");
    }

    private static void CheckList(JsonElement value, Type element, Field field, string name, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array) { errors.Add(name, $"{name} must be a list"); return; }
        var count = value.GetArrayLength();
        if (count > field.MaxItems) { errors.Add(name, $"{name}: at most {field.MaxItems} items"); return; }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemName = $"{name}[{i++}]";
            if (item.ValueKind == JsonValueKind.Null) errors.Add(itemName, $"{itemName} is missing");
            else CheckValue(item, element, field with { MaxLength = field.ItemMaxLength }, itemName, errors);
        }
    }

    private static string Hint(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(DateOnly) ? $" ({DateForm})"
            : type == typeof(TimeOnly) ? $" ({TimeForm})"
            : type.IsEnum ? $" (one of: {Parse.EnumNames(type)})"
            : "";
    }

    /// <summary>The value as a message may show it: strings quoted and shortened, other JSON as its kind.</summary>
    private static string Quoted(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{Parse.Shown(value.GetString())}'",
        JsonValueKind.Number => Parse.Shown(value.GetRawText()),
        var kind => $"({kind.ToString().ToLowerInvariant()})",
    };

    private static Type? ElementTypeOf(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IReadOnlyList<>) || d == typeof(List<>) || d == typeof(IReadOnlyCollection<>) || d == typeof(IEnumerable<>) || d == typeof(IList<>))
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>One field of a request model and the rules declared on it (or defaulted).</summary>
    public sealed record Field(string JsonName, Type Type, bool Required, bool FreeText, int MaxLength, int MaxItems, int ItemMaxLength)
    {
        public bool IsString => (Nullable.GetUnderlyingType(Type) ?? Type) == typeof(string);
        public bool IsList => ElementTypeOf(Type) is not null;
    }

    /// <summary>Request models are the records named <c>…Request</c> in the service's own namespaces.</summary>
    public static bool IsRequestModel(Type type) => type.Namespace?.StartsWith("Ledger.", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    /// <summary>A model's fields and their declared rules, read once per type.</summary>
    public static IReadOnlyList<Field> FieldsOf(Type model) => Fields.GetOrAdd(model, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
        .Select(p =>
        {
            var freeText = p.GetCustomAttribute<FreeTextAttribute>() is not null;
            var declared = p.GetCustomAttribute<MaxLengthAttribute>()?.Length;
            var isList = ElementTypeOf(p.PropertyType) is not null;
            return new Field(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType,
                p.GetCustomAttribute<RequiredAttribute>() is not null, freeText,
                MaxLength: isList ? Parse.MaxIdLength : declared ?? (freeText ? Parse.MaxTextLength : Parse.MaxIdLength),
                MaxItems: isList ? declared ?? Parse.MaxListItems : 0,
                ItemMaxLength: Parse.MaxIdLength);
        })
        .ToArray());
}
