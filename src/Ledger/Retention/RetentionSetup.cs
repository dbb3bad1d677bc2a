using Ledger.Projections.Retention;

namespace Ledger.Retention;

/// <summary>Wires retention into the host: the policies checked at start-up, the tables, the sweeper, the daily schedule and the gate.</summary>
public static class RetentionSetup
{
    public static void AddRetention(this WebApplicationBuilder builder, string connectionString)
    {
        // Fail at start-up, with the file's own error message, if the versioned policy data is invalid.
        _ = RetentionPolicies.Default;
        var options = builder.Configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        if (options.ScheduleEvery <= TimeSpan.Zero || options.ScheduleEvery > TimeSpan.FromHours(12))
            throw new InvalidOperationException($"{RetentionOptions.Section}:ScheduleEvery must be more than 0 and at most 12 hours");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(RetentionTables.For(connectionString));
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionTables>());
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService<RetentionSchedule>();
    }
}
