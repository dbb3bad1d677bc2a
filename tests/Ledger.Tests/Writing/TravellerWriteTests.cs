using System.Net;
using System.Net.Http.Json;
using Ledger.Access;
using Ledger.Tests.Support;
using Ledger.Writing;

namespace Ledger.Tests.Writing;

/// <summary>
/// The step every traveller write takes after its own <c>Validate</c> (<c>TravellerWrite.Open</c>): the traveller exists,
/// the client's <c>If-Match</c> holds, the session is stamped; and the order of refusals it keeps.
/// </summary>
public class TravellerWriteTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static object Entry(string country = "FR") => new { crossingId = "c1", direction = "entry", country, date = "2025-01-10" };

    [Fact]
    public async Task An_unknown_traveller_is_404_but_only_after_the_body_and_the_rights_are_checked()
    {
        var unknown = Guid.NewGuid();
        var notFound = await Problem.AssertAsync(await app.PostAsync($"/travellers/{unknown}/crossings", Entry()), HttpStatusCode.NotFound);
        Assert.Contains("is not registered", notFound.GetProperty("detail").GetString());

        // A bad body is 400 and a refused right 403, whether the traveller exists or not.
        await Problem.AssertAsync(await app.PostAsync($"/travellers/{unknown}/crossings", Entry("XX")), HttpStatusCode.BadRequest);
        using var frenchRecorder = app.ClientAs([Role.Recorder], ["FR"]);
        await Problem.AssertAsync(await frenchRecorder.PostAsJsonAsync($"/travellers/{unknown}/crossings", Entry("DE")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_refused_write_still_echoes_its_correlation_id_and_an_unreadable_if_match_is_400()
    {
        var id = await app.RegisterTravellerAsync();
        var refused = new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings") { Content = JsonContent.Create(Entry("XX")) };
        refused.Headers.Add("X-Correlation-Id", "corr-refused");
        var answer = await app.Http.SendAsync(refused);
        await Problem.AssertAsync(answer, HttpStatusCode.BadRequest);
        Assert.Equal("corr-refused", answer.Headers.GetValues("X-Correlation-Id").Single());

        var unreadable = new HttpRequestMessage(HttpMethod.Post, $"/travellers/{id}/crossings") { Content = JsonContent.Create(Entry()) };
        unreadable.Headers.TryAddWithoutValidation("If-Match", "\"latest\"");
        await Problem.AssertAsync(await app.Http.SendAsync(unreadable), HttpStatusCode.BadRequest);
        Assert.Empty((await app.EventsOfAsync(id)).Skip(1)); // nothing but the registration
    }

    [Fact]
    public async Task A_write_without_a_body_takes_none()
    {
        var id = await app.RegisterTravellerAsync();
        var missing = await Problem.AssertAsync(await app.Http.PostAsync($"/travellers/{id}/plans/no-such-plan/cancellation", null), HttpStatusCode.NotFound);
        Assert.Contains("no-such-plan", missing.GetProperty("detail").GetString());
    }
}
