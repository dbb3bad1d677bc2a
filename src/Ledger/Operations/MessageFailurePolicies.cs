using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Ledger.Operations;

/// <summary>
/// What happens to a queued message whose handler fails. The one place for it: a handler never catches the
/// database's trouble itself.
/// <list type="bullet">
/// <item>A transient database error (<see cref="DatabaseFaults.IsTransient"/>: a restart, a dropped connection, a
/// timeout) is retried in place after <see cref="Cooldowns"/> (about two minutes in all, enough for a PostgreSQL
/// restart or fail-over), then rescheduled after <see cref="Rescheduled"/> (the message leaves the queue meanwhile),
/// and only then dead-lettered.</item>
/// <item>Anything else is the message's own problem (a bug, data it cannot handle): no rule here matches it, and
/// Wolverine's default dead-letters it, where an admin lists it and replays it once the cause is fixed
/// (<see cref="DeadLetterEndpoints"/>).</item>
/// </list>
/// The one command an HTTP request invokes and waits for (<see cref="Ledger.Imports.ImportChunk"/>) is left out:
/// Wolverine would run the cooldowns inside the request, which must instead answer 503 at once and let the client
/// resend (an import resumes). Write endpoints are the aggregate handlers themselves, with no retry policy.
/// </summary>
public static class MessageFailurePolicies
{
    public static readonly IReadOnlyList<TimeSpan> Cooldowns =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];

    public static readonly IReadOnlyList<TimeSpan> Rescheduled =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    public static void Apply(WolverineOptions opts) => opts.Policies.Add(new RetryTransientDatabaseErrors());

    /// <summary>Whether a message type is handled from a queue (retried here) rather than invoked inside a request.</summary>
    public static bool IsQueued(Type messageType) => messageType != typeof(Ledger.Imports.ImportChunk);

    private sealed class RetryTransientDatabaseErrors : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => IsQueued(c.MessageType)))
                chain.OnException(DatabaseFaults.IsTransient, "a transient database error")
                    .RetryWithCooldown([.. Cooldowns])
                    .Then.ScheduleRetry([.. Rescheduled]);
        }
    }
}
