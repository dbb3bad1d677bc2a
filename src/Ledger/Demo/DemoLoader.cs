using System.Net;
using System.Net.Http.Json;
using Ledger.Hosting;
using Ledger.Writing;

namespace Ledger.Demo;

/// <summary>A write the ledger refused, or an answer the demo cannot read: what the command prints as its one line.</summary>
public sealed class DemoFailure(string message) : Exception(message);

/// <summary>
/// Loads <see cref="DemoCases"/> into a running ledger through its HTTP API, as any client would: each person is
/// registered with its <c>Idempotency-Key</c> (a rerun answers 200 with the same id), then every write is sent; client
/// ids make each write idempotent, so a second run records nothing (201 = new, 200 = already there).
/// </summary>
public static class DemoLoader
{
    /// <param name="client">Its base address is the ledger; its token may register travellers and record every write (see <see cref="DemoToken"/>).</param>
    public static async Task<DemoRun> LoadAsync(HttpClient client, CancellationToken ct = default)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var (recorded, present) = (0, 0);
        foreach (var person in DemoCases.People)
        {
            var (id, created) = await RegisterAsync(client, person, ct).ConfigureAwait(false);
            ids[person.Key] = id;
            if (created) recorded++; else present++;
        }

        Guid IdOf(string key) => ids.TryGetValue(key, out var id) ? id : throw new DemoFailure($"the demo names an unknown person '{key}'");
        foreach (var write in DemoCases.Writes)
        {
            var path = $"/travellers/{IdOf(write.Person)}/{write.Path}";
            using var response = await client.PostAsJsonAsync(path, write.Body(IdOf), LedgerJson.Options, ct).ConfigureAwait(false);
            await RequireSuccessAsync(response, $"POST {path}", ct).ConfigureAwait(false);
            var (added, there) = await CountAsync(response, ct).ConfigureAwait(false);
            recorded += added;
            present += there;
        }
        return new DemoRun(ids, recorded, present);
    }

    private static async Task<(Guid Id, bool Created)> RegisterAsync(HttpClient client, DemoPerson person, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/travellers")
        {
            Content = JsonContent.Create(new
            {
                nationalities = person.Nationalities,
                givenNames = person.GivenNames,
                familyName = person.FamilyName,
                dateOfBirth = person.DateOfBirth,
                documents = new[] { new { type = "passport", number = person.PassportNumber, issuingCountry = person.Nationalities[0] } },
            }, options: LedgerJson.Options),
        };
        request.Headers.Add("Idempotency-Key", person.Key);
        using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
        await RequireSuccessAsync(response, "POST /travellers", ct).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<Registered>(LedgerJson.Options, ct).ConfigureAwait(false);
        if (body is null || body.Id == Guid.Empty) throw new DemoFailure("POST /travellers answered without a traveller id");
        return (body.Id, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>
    /// New and already-present facts in one answer: a batch of crossings answers 200 with <c>alreadyRecorded</c> per
    /// crossing; any other write is one fact, new when the answer is 201.
    /// </summary>
    private static async Task<(int Recorded, int AlreadyPresent)> CountAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.Created) return (1, 0);
        var body = await response.Content.ReadFromJsonAsync<BatchAnswer>(LedgerJson.Options, ct).ConfigureAwait(false);
        if (body?.Crossings is not { Count: > 0 } crossings) return (0, 1);
        var already = crossings.Count(c => c.AlreadyRecorded);
        return (crossings.Count - already, already);
    }

    /// <summary>Anything but 200/201 ends the run, naming the request and the ledger's own explanation (its problem detail).</summary>
    private static async Task RequireSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created) return;
        var detail = "";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(LedgerJson.Options, ct).ConfigureAwait(false);
            detail = problem?.Detail ?? problem?.Title ?? "";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not problem details (a proxy's page, say): the status code is all there is to say.
        }
        throw new DemoFailure($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + OneLine(detail) : "")}");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private sealed record Registered(Guid Id);

    private sealed record BatchAnswer(IReadOnlyList<BatchCrossing>? Crossings);

    private sealed record BatchCrossing(string CrossingId, bool AlreadyRecorded);

    private sealed record ProblemBody(string? Title, string? Detail);
}
