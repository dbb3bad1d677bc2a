using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Hosting;

/// <summary>One JSON shape for HTTP and the command line: camelCase, enums as camelCase strings, ISO dates.</summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
