using System.Net;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Travellers;

/// <summary>The service with every log message, at every level, captured in memory.</summary>
public sealed class CapturedLogsApp : LedgerApp
{
    public ConcurrentQueue<string> Messages { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new CapturingProvider(Messages));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(messages);
        public void Dispose() { }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + " " + exception);
    }
}

public class LogPrivacyTests(CapturedLogsApp app) : IClassFixture<CapturedLogsApp>
{
    [Fact]
    public async Task Logs_never_contain_document_numbers_or_names()
    {
        const string number = "X9Q8W7E6R5";
        const string name = "Zyxwvutsrqp";
        var response = await app.Http.PostAsJsonAsync("/travellers", new
        {
            nationalities = new[] { "US" }, familyName = name,
            documents = new[] { new { type = "passport", number, issuingCountry = "US" } },
        });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await app.RecordCrossingAsync(id, "in", "entry", "FR", app.DaysAgo(2))).EnsureSuccessStatusCode();
        await app.GetJsonAsync($"/travellers/{id}");
        // A refused request is logged too: still nothing personal in it.
        await app.Http.PostAsJsonAsync("/travellers", new { nationalities = new[] { "US" }, documents = new[] { new { type = "passport", number } } });

        Assert.NotEmpty(app.Messages);
        Assert.DoesNotContain(app.Messages, m => m.Contains(number) || m.Contains(name));
    }

    [Fact]
    public async Task Logs_never_contain_the_free_text_of_evidence_or_decisions()
    {
        const string note = "Qwertzuiopasdf";
        var unknown = Guid.NewGuid();
        // Refused after loading (unknown traveller) and before (a malformed field): neither refusal logs the free text.
        var refusals = new[]
        {
            await app.Http.PostAsJsonAsync($"/travellers/{unknown}/evidence", new
            {
                evidenceId = "e-1", kind = "other", presentIn = "FR", first = app.DaysAgo(3), last = app.DaysAgo(2), source = note, note,
            }),
            await app.Http.PostAsJsonAsync($"/travellers/{unknown}/anomaly-resolutions", new { anomalyId = "missingExit:a+b", presumption = "absent", reason = note }),
            await app.Http.PostAsJsonAsync($"/travellers/{unknown}/evidence/e-1/void", new { reason = note }),
            await app.Http.PostAsJsonAsync($"/travellers/{unknown}/evidence", new { evidenceId = "e-2", kind = note, presentIn = "FR", first = "x", last = "y", source = note, note }),
        };

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.BadRequest], refusals.Select(r => r.StatusCode));
        Assert.NotEmpty(app.Messages); // the log is captured (start-up lines at least)
        Assert.DoesNotContain(app.Messages, m => m.Contains(note));
    }
}
