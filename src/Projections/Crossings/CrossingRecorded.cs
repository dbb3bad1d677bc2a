namespace Ledger.Projections.Crossings;

public enum Direction { Entry, Exit }

/// <summary>Where a crossing record came from; kept because sources differ in reliability.</summary>
public enum CrossingSource { BorderSystem, PassportStamp, PartnerFeed, SelfReported }

/// <summary>
/// What every recorded crossing says. <see cref="Date"/> is the calendar day at the border (local day);
/// <see cref="Time"/> and <see cref="TimeZone"/> (IANA id) are optional detail.
/// </summary>
public interface ICrossingRecorded
{
    Guid TravellerId { get; }
    string CrossingId { get; }
    Direction Direction { get; }
    string Country { get; }
    DateOnly Date { get; }
    TimeOnly? Time { get; }
    string? TimeZone { get; }
    string? BorderPoint { get; }
    CrossingSource Source { get; }

    /// <summary>The last day an officer allowed on entry (Canada's date stamp); entries only, and only when given.</summary>
    DateOnly? AdmittedUntil => null;
}

/// <remarks><see cref="AdmittedUntil"/> came later: events recorded before it load with null.</remarks>
public sealed record EntryRecorded(
    Guid TravellerId, string CrossingId, string Country, DateOnly Date, TimeOnly? Time, string? TimeZone,
    string? BorderPoint, CrossingSource Source, DateOnly? AdmittedUntil = null) : ICrossingRecorded
{
    public Direction Direction => Direction.Entry;
}

public sealed record ExitRecorded(
    Guid TravellerId, string CrossingId, string Country, DateOnly Date, TimeOnly? Time, string? TimeZone,
    string? BorderPoint, CrossingSource Source) : ICrossingRecorded
{
    public Direction Direction => Direction.Exit;
}
