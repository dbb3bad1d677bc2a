using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using Ledger.Projections.Retention;
using Ledger.Travellers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Retention;

/// <summary>
/// What retention erased stays gone, whatever is asked: every route of a traveller whose file was erased answers 410
/// naming the policy, except <c>/travellers/{id}/erasures</c> (the API with a problem, the pages with a plain page
/// saying so in the policy's words, to a bearer header or the page cookie alike); and a crossing whose id was erased
/// (compared by its keyed hash) is refused with 410 when it is sent again, so nothing is recorded. Only an authenticated
/// caller gets the 410 (anyone else goes on to the 401 of the pipeline). Runs first in the pipeline (a startup filter).
/// </summary>
public sealed partial class RetentionGate(RequestDelegate next, RetentionTables tables, BlindIndex index)
{
    [GeneratedRegex(@"^/(?:app/(?:caseworker/)?)?travellers/(?<id>[0-9a-fA-F-]{36})(?<rest>/.*)?$")]
    private static partial Regex TravellerPath();

    /// <summary>Crossing bodies larger than this are not read here (the route's own size limit refuses them later).</summary>
    private const long MaxBodyRead = 1 << 20;

    public async Task InvokeAsync(HttpContext http)
    {
        var match = TravellerPath().Match(http.Request.Path.Value ?? "");
        if (!match.Success || !Guid.TryParse(match.Groups["id"].Value, out var traveller) || match.Groups["rest"].Value == "/erasures")
        {
            await next(http);
            return;
        }
        if (await tables.ErasedFileAsync(traveller, http.RequestAborted) is { } filePolicy)
        {
            if (await SignedIn(http))
            {
                if (Ledger.Pages.PageSetup.IsPage(http.Request)) await ErasedPageAsync(http, filePolicy);
                else await GoneAsync(http, ErasedRecords.FileErased(traveller, filePolicy), filePolicy);
                return;
            }
        }
        else if (HttpMethods.IsPost(http.Request.Method) && match.Groups["rest"].Value is "/crossings" or "/crossings/batch"
                 && await CrossingIdsAsync(http) is { Count: > 0 } ids
                 && await tables.ErasedRecordAsync(traveller, ids.Select(i => ErasedRecords.CrossingHash(index, traveller, i)).ToList(), http.RequestAborted) is { } policy
                 && await SignedIn(http))
        {
            await GoneAsync(http, $"a crossing sent was erased under retention policy {policy} and cannot be recorded again", policy);
            return;
        }
        await next(http);
    }

    private static async Task<bool> SignedIn(HttpContext http) => (await http.AuthenticateAsync()).Succeeded;

    /// <summary>The crossing ids of a single or batch crossing body; the body is rewound for the endpoint.</summary>
    private static async Task<IReadOnlyList<string>> CrossingIdsAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxBodyRead) return [];
        http.Request.EnableBuffering();
        try
        {
            // At most MaxBodyRead bytes are read: a longer body is left to the route's own size limit.
            using var body = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, n);
                if (body.Length > MaxBodyRead) return [];
            }
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return [];
            if (root.TryGetProperty("crossingId", out var single) && single.ValueKind == JsonValueKind.String) return [single.GetString()!];
            if (root.TryGetProperty("crossings", out var list) && list.ValueKind == JsonValueKind.Array)
                return list.EnumerateArray()
                    .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("crossingId", out var id) && id.ValueKind == JsonValueKind.String)
                    .Select(c => c.GetProperty("crossingId").GetString()!).ToList();
            return [];
        }
        catch (JsonException)
        {
            return []; // the endpoint's own screening answers a malformed body
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
    }

    /// <summary>
    /// A page of an erased traveller: 410 and a plain page that says the record was erased and under which rule, in the
    /// rule's own plain words with its citation (no ids: neither the traveller's nor the policy's).
    /// </summary>
    private static async Task ErasedPageAsync(HttpContext http, string policyId)
    {
        var policy = RetentionPolicies.Default.Find(policyId);
        string Html(string text) => HtmlEncoder.Default.Encode(text);
        var rule = policy is null
            ? "<p>It was erased under a retention rule that is no longer in the ledger's rule data.</p>"
            : $"""
              <p>It was erased under the rule for {Html(Lower(policy.Name))}:</p>
              <blockquote><p>{Html(policy.PlainWords)}</p></blockquote>
              <p>Source: {Html(policy.Source)}.</p>
              """;
        http.Response.StatusCode = StatusCodes.Status410Gone;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Record erased · Travel-history ledger</title>
            <link rel="stylesheet" href="{Ledger.Pages.PageStyles.Path}">
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site"><strong><a href="{Ledger.Pages.PageSetup.Root}/">Travel-history ledger</a></strong></header>
            <main id="main">
            <h1>This record was erased</h1>
            <p>The ledger no longer holds this traveller's record: the law says how long such records may be kept, and that time is over.</p>
            {rule}
            <p>Nothing of the record can be shown or brought back. Auditors and administrators can still see when it was erased and under which rule.</p>
            <p><a href="{Ledger.Pages.PageSetup.Root}/">Back to the start page</a></p>
            </main>
            </body>
            </html>
            """, http.RequestAborted);
    }

    /// <summary>"EES records of an overstayer" reads "EES records of an overstayer"; "Records ..." would read "records ...".</summary>
    private static string Lower(string name) => name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    private static async Task GoneAsync(HttpContext http, string detail, string policy)
    {
        http.Response.StatusCode = StatusCodes.Status410Gone;
        var problem = new ProblemDetails { Status = StatusCodes.Status410Gone, Title = "Gone", Detail = detail };
        problem.Extensions["policyId"] = policy;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
