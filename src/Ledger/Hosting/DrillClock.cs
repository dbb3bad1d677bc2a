using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledger.Hosting;

/// <summary>
/// The service clock moved by a fixed offset, for fault drills only (<c>Ledger:Drill:ClockOffset</c>): the two-node
/// run of bench/faults puts the service a few seconds before midnight UTC so that the day's scheduled warning checks
/// come due while it watches. Refused in the Production environment, where the ledger's "today" must be the real one.
/// </summary>
public sealed class DrillClock(TimeSpan offset) : TimeProvider
{
    public const string Setting = "Ledger:Drill:ClockOffset";

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public static void Add(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<TimeSpan?>(Setting) is not { } offset) return;
        if (builder.Environment.IsProduction())
            throw new InvalidOperationException($"{Setting} moves the ledger's clock and is only accepted outside the Production environment");
        builder.Services.TryAddSingleton<TimeProvider>(new DrillClock(offset));
    }
}
