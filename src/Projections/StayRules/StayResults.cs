namespace Ledger.Projections.StayRules;

/// <summary>A run of consecutive unlawful days (each day's window held more than the limit).</summary>
public sealed record Violation(DateOnly From, DateOnly To, int Days);

/// <summary>What the records allow to conclude about the window: see <see cref="PreparedHistory.Determine"/>.</summary>
public enum Determination { Lawful, Unlawful, Undetermined }

/// <summary>A run of consecutive days whose lawfulness the records cannot decide, and the anomalies that cause it.</summary>
public sealed record UndeterminedPeriod(DateOnly From, DateOnly To, int Days, IReadOnlyList<string> AnomalyIds);

/// <summary>
/// The answer to "where does this traveller stand on <see cref="On"/>". <see cref="DaysUsed"/> counts present days
/// only, <see cref="DaysUsedIfPresent"/> present and uncertain days; <see cref="Anomalies"/> names the anomalies that
/// make an <c>undetermined</c> answer. <see cref="StayUntil"/> counts uncertain days as present
/// (<see cref="UncertainCountedAsPresent"/> says when that made a difference to the data used).
/// </summary>
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
    bool Exempt = false,
    int DaysUsedIfPresent = 0,
    Determination Determination = Determination.Lawful,
    IReadOnlyList<string>? Anomalies = null,
    IReadOnlyList<UndeterminedPeriod>? UndeterminedPeriods = null,
    bool UncertainCountedAsPresent = false);

/// <summary>For an entry on <see cref="Enter"/>: how many consecutive days (Enter included) are lawful (uncertain days counted as present).</summary>
public sealed record StayPlan(string Regime, DateOnly Enter, int MaxStayDays, DateOnly? LastDay, bool UncertainCountedAsPresent = false);

/// <summary>The first date on or after <see cref="From"/> from which a stay of <see cref="Days"/> consecutive days is lawful (uncertain days counted as present).</summary>
public sealed record EarliestEntry(string Regime, int Days, DateOnly From, DateOnly EarliestEntryDate, bool UncertainCountedAsPresent = false);

/// <summary>Days used in the window ending on <see cref="Day"/>: present days, and present plus uncertain days.</summary>
public sealed record DailyCount(DateOnly Day, int DaysUsed, bool Present, bool Unlawful, int DaysUsedIfPresent = 0, bool Uncertain = false);
