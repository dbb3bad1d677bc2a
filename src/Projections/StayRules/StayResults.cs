namespace Ledger.Projections.StayRules;

/// <summary>A run of consecutive unlawful days (each day's window held more than the limit).</summary>
public sealed record Violation(DateOnly From, DateOnly To, int Days);

/// <summary>The answer to "where does this traveller stand on <see cref="On"/>".</summary>
public sealed record StayCheck(
    string Regime,
    DateOnly On,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    int DaysUsed,
    int DaysRemaining,
    int OverstayDays,
    DateOnly? StayUntil,
    IReadOnlyList<Violation> Violations,
    bool Exempt = false);

/// <summary>For an entry on <see cref="Enter"/>: how many consecutive days (Enter included) are lawful.</summary>
public sealed record StayPlan(string Regime, DateOnly Enter, int MaxStayDays, DateOnly? LastDay);

/// <summary>The first date on or after <see cref="From"/> from which a stay of <see cref="Days"/> consecutive days is lawful.</summary>
public sealed record EarliestEntry(string Regime, int Days, DateOnly From, DateOnly EarliestEntryDate);

/// <summary>Days used in the window ending on <see cref="Day"/>.</summary>
public sealed record DailyCount(DateOnly Day, int DaysUsed, bool Present, bool Unlawful);
