using Ledger.Projections.Movements;
using Ledger.Projections.StayRules;
using static Ledger.Projections.Tests.StayRules.Days;

namespace Ledger.Projections.Tests.Movements;

public class MovementSplitTests
{
    private static MovementRecorded Move(string country, string date) => new(Guid.Empty, $"m-{country}-{date}", country, D(date), MovementSource.Ticket);

    [Fact]
    public void A_move_inside_the_area_gives_the_days_after_it_to_the_new_country_and_the_area_counts_once()
    {
        var stays = MovementSplit.Apply([In("FR", "2025-03-01", "2025-03-20")], [Move("DE", "2025-03-10")], RuleSet.Default);
        Assert.Equal([In("FR", "2025-03-01", "2025-03-10"), In("DE", "2025-03-10", "2025-03-20")], stays);
        Assert.Equal(20, Schengen.Check(new TravelHistory(stays), D("2025-03-20")).DaysUsed);
    }

    [Fact]
    public void Moves_outside_the_stay_or_to_another_area_change_nothing()
    {
        var stay = In("FR", "2025-03-01", "2025-03-20");
        Assert.Equal([stay], MovementSplit.Apply([stay], [Move("GB", "2025-03-10"), Move("DE", "2025-04-10")], RuleSet.Default));
    }

    [Fact]
    public void A_move_into_denmark_after_the_schengen_90_brings_the_nordic_agreement_into_play()
    {
        // Entered through France on 1 March, by train to Copenhagen on 30 May (day 91), stayed until 20 June.
        var stays = MovementSplit.Apply([In("FR", "2025-03-01", "2025-06-20")], [Move("DK", "2025-05-30")], RuleSet.Default);
        var history = RuleSet.Default.WithAgreements(new TravelHistory(stays, Nationalities: ["US"]));
        var violations = Schengen.Check(history, D("2025-06-20")).Violations;
        // Only the travel day (in France too) is over the Schengen 90; the Danish days count for the agreement.
        Assert.Equal(new Violation(D("2025-05-30"), D("2025-05-30"), 1), Assert.Single(violations));
    }
}
