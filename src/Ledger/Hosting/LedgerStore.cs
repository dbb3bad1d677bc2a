using JasperFx.Events;
using JasperFx.Events.Projections;
using Ledger.Projections.Stays;
using Ledger.Projections.Travellers;
using Ledger.Projections.Warnings;
using Marten;

namespace Ledger.Hosting;

/// <summary>The Marten configuration of the ledger: one place, used by the service and by tools (benchmarks, rebuilds).</summary>
public static class LedgerStore
{
    public const string Schema = "ledger";

    public static void Configure(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Correlation and causation ids, and who recorded it, on every event. (Free-form headers stay off: unused,
        // and they cost a JSON document per event.)
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;

        // The traveller (write model and what reads show) is updated in the same transaction as the events.
        opts.Projections.Add<TravellerProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<CrossingTrafficProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<AlertFeedProjection>(ProjectionLifecycle.Async);
        Ledger.Travellers.TravellerSearchKey.Configure(opts); // the blind index of identities
        opts.Storage.ExtendedSchemaObjects.Add(Ledger.Warnings.LaterChecks.Definition()); // warning checks not yet run

        // A compliance ledger never skips an event it cannot apply: stop and surface instead.
        opts.Projections.Errors.SkipApplyErrors = false;
        opts.Projections.Errors.SkipSerializationErrors = false;
        opts.Projections.Errors.SkipUnknownEvents = false;
    }
}
