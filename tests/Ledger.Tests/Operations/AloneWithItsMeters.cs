namespace Ledger.Tests.Operations;

/// <summary>
/// Tests that read <c>/metrics</c> run alone, after the parallel classes have stopped their hosts. A process has one
/// set of meter listeners: a test host's OpenTelemetry exporter also sees the instruments of every other host alive in
/// the same test process (same meter names), which would add their traffic to ours and drop series when they stop. A
/// deployed service is one host per process, where this cannot happen.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneWithItsMeters
{
    public const string Name = "alone with its meters";
}
