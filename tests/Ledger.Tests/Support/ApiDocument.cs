using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ledger.Tests.Support;

/// <summary>
/// The service's own OpenAPI document (3.1, whose schemas are JSON Schema 2020-12), as a judge of answers: does the
/// operation a request reached declare the status it answered, and is the body valid against the schema the operation
/// declares for that status and media type? Each operation's own inlined schema is used (not only the component it
/// came from), since that is what a client generated from the document trusts. <see cref="Check"/> names every
/// disagreement; an empty list means the answer is one the document describes.
/// </summary>
public sealed class ApiDocument
{
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly List<(string Template, Regex Pattern, int Parameters)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    /// <summary>RFC 9457 fields every problem answer carries, whatever the operation (also for 404/405 of no operation).</summary>
    public const string ProblemSchema = """
        {"type":"object","required":["type","title","status","detail"],
         "properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},"detail":{"type":"string"},
                       "errors":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}}
        """;

    public ApiDocument(string json)
    {
        _document = JsonNode.Parse(json)!.AsObject();
        // Component references (#/components/schemas/X) become $defs of each response schema built below.
        _definitions = Rewrite(_document["components"]?["schemas"]?.DeepClone() ?? new JsonObject()).AsObject();
        _paths = _document["paths"]!.AsObject()
            .Select(p => (p.Key, new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Key.Count(c => c == '{')))
            .ToList();
    }

    /// <summary>The document's path template for a concrete path (the one with the fewest parameters when several fit), or null.</summary>
    public string? TemplateOf(string path) =>
        _paths.Where(p => p.Pattern.IsMatch(path)).OrderBy(p => p.Parameters).Select(p => p.Template).FirstOrDefault();

    /// <summary>Every way the answer disagrees with the document; empty when it agrees. Null: the path is not the API's.</summary>
    public IReadOnlyList<string>? Check(string method, string path, int status, string? mediaType, string body, IReadOnlyDictionary<string, string> headers)
    {
        var template = TemplateOf(path);
        var problems = new List<string>();
        if (template is null) return null;
        var what = $"{method} {template} answered {status}";
        var operation = _document["paths"]![template]![method.ToLowerInvariant()]?.AsObject();
        if (operation is null)
        {
            // No such operation: the answer can only be a refusal (405 for the method), in the problem shape.
            if (status < 400) problems.Add($"{what}, but the document has no {method} operation there");
            else problems.AddRange(CheckBody(what, "problem", ProblemSchema, mediaType, body, problem: true));
            return problems;
        }
        var responses = operation["responses"]?.AsObject();
        var response = responses?[status.ToString()] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (response is null)
        {
            problems.Add($"{what}, which the document does not declare (it declares {string.Join(", ", responses?.Select(r => r.Key) ?? [])})");
            if (status >= 400) problems.AddRange(CheckBody(what, "problem", ProblemSchema, mediaType, body, problem: true));
            return problems;
        }
        if (status >= 400) problems.AddRange(CheckBody(what, "problem", ProblemSchema, mediaType, body, problem: true));
        if (status == 201 && !headers.ContainsKey("Location")) problems.Add($"{what} without a Location header");
        if (body.Length == 0) return problems;
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            problems.Add($"{what} with a {mediaType} body, but the document declares no body for it");
            return problems;
        }
        if (mediaType is null || content[mediaType] is not { } media)
        {
            // A JSON answer may be declared under either JSON media type only when the document says so.
            problems.Add($"{what} with {mediaType ?? "no content type"}, but the document declares {string.Join(", ", content.Select(c => c.Key))}");
            return problems;
        }
        if (!IsJson(mediaType) || media["schema"] is not { } schema) return problems;
        var key = $"{method} {template} {status} {mediaType}";
        problems.AddRange(CheckBody(what, key, schema.ToJsonString(), mediaType, body, problem: false));
        return problems;
    }

    private static bool IsJson(string mediaType) => mediaType is "application/json" or "application/problem+json";

    private IEnumerable<string> CheckBody(string what, string key, string schemaJson, string? mediaType, string body, bool problem)
    {
        if (problem && mediaType != "application/problem+json")
        {
            yield return $"{what} with {mediaType ?? "no content type"}, not application/problem+json";
            yield break;
        }
        JsonDocument? instance = null;
        try { instance = JsonDocument.Parse(body); }
        catch (JsonException) { }
        if (instance is null) { yield return $"{what} with a body that is not JSON: {Shorten(body)}"; yield break; }
        using (instance)
        {
            var results = SchemaFor(key, schemaJson).Evaluate(instance.RootElement, Evaluation);
            if (results.IsValid) yield break;
            var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct().Take(8).ToList();
            yield return $"{what} with a body the {(problem ? "problem shape" : "document's schema")} does not accept: {string.Join("; ", errors)} — body: {Shorten(body)}";
        }
    }

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "…";

    private JsonSchema SchemaFor(string key, string schemaJson) => _schemas.GetOrAdd(key, _ =>
    {
        var schema = Rewrite(JsonNode.Parse(schemaJson)!).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:ledger:openapi:{Guid.NewGuid():N}",
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(schema),
        };
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>Points component references at the built schema's <c>$defs</c>.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name == "$ref" && value is JsonValue v && v.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/"))
                        o["$ref"] = "#/$defs/" + target["#/components/schemas/".Length..];
                    else if (value is not null) Rewrite(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item);
                break;
        }
        return node;
    }
}
