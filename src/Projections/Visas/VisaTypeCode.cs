using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Projections.Visas;

/// <summary>
/// A visa's <c>type</c> as stored. Until categories became data (visa-categories.json) the type was the enum
/// <c>VisaType { A, C, D }</c>, which Marten's serializer wrote as its number (0, 1, 2), or as its name under a
/// string enum setting. Both still read, as the Schengen codes A, C and D, so old streams and snapshots load; a type
/// is always written as its code.
/// </summary>
public sealed class VisaTypeCode : JsonConverter<string>
{
    private static readonly string[] OldEnum = ["A", "C", "D"];

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString() is { Length: 1 } old ? old.ToUpperInvariant() : reader.GetString()!,
        JsonTokenType.Number when reader.TryGetInt32(out var n) && n >= 0 && n < OldEnum.Length => OldEnum[n],
        _ => throw new JsonException($"a visa type is a category code or one of the old numbers 0-2, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
