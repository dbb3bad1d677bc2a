using Ledger.Hosting;

namespace Ledger.Tests.Warnings;

/// <summary>The sweep interval is checked when the host is built, before any database is needed (a row must meet a sweep on the day before its own).</summary>
public class WarningSweepSettingsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("12:00:01")]
    [InlineData("1.00:00:00")]
    public void A_sweep_interval_of_zero_or_less_or_over_12_hours_stops_the_host_with_the_reason(string every)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LedgerHost.Build([], builder =>
        {
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Database=unused";
            builder.Configuration["Ledger:Auth:SigningKey"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
            builder.Configuration["Ledger:Warnings:SweepEvery"] = every;
        }));
        Assert.Contains("Ledger:Warnings:SweepEvery", error.Message);
    }

    [Theory]
    [InlineData("CatchUpEvery", "00:00:00")]
    [InlineData("CatchUpEvery", "00:10:01")]
    [InlineData("CatchUpAfter", "-00:00:01")]
    [InlineData("CatchUpAfter", "00:10:01")]
    public void A_catch_up_interval_or_grace_out_of_range_stops_the_host_with_the_reason(string setting, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LedgerHost.Build([], builder =>
        {
            builder.Configuration[$"ConnectionStrings:{LedgerHost.ConnectionStringName}"] = "Host=127.0.0.1;Database=unused";
            builder.Configuration["Ledger:Auth:SigningKey"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
            builder.Configuration[$"Ledger:Warnings:{setting}"] = value;
        }));
        Assert.Contains($"Ledger:Warnings:{setting}", error.Message);
    }
}
