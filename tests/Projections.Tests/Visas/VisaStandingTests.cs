using Ledger.Projections.Crossings;
using Ledger.Projections.StayRules;
using Ledger.Projections.Visas;

namespace Ledger.Projections.Tests.Visas;

/// <summary>A visa's derived status at every edge: its validity, the entry that uses it up, its revocation or annulment.</summary>
public class VisaStandingTests
{
    private static readonly DateOnly From = new(2025, 3, 1), Until = new(2025, 5, 31);

    private static Visa Schengen(VisaEntries entries = VisaEntries.Multiple, VisaStatus status = VisaStatus.Valid, DateOnly? endedOn = null) =>
        new("V1", null, "FR", "C", entries, From, Until, 90, From.AddDays(-10), status, endedOn, endedOn is null ? null : "reason");

    private static int order;

    private static Crossing Cross(Direction direction, string country, DateOnly date) =>
        new($"c{++order}", direction, country, date, null, null, null, CrossingSource.BorderSystem, order);

    private static VisaState On(Visa visa, DateOnly day, params Crossing[] crossings) =>
        VisaStanding.On(visa, day, crossings, RuleSet.Default, VisaCategories.Default).Status;

    [Fact]
    public void Not_yet_valid_before_validFrom_valid_from_validFrom_to_validUntil_expired_after()
    {
        var visa = Schengen();
        Assert.Equal(VisaState.NotYetValid, On(visa, From.AddDays(-1)));
        Assert.Equal(VisaState.Valid, On(visa, From));
        Assert.Equal(VisaState.Valid, On(visa, Until));
        Assert.Equal(VisaState.Expired, On(visa, Until.AddDays(1)));
    }

    [Fact]
    public void A_single_entry_visa_is_used_up_from_the_day_after_the_exit_that_ends_the_stay_of_its_entry()
    {
        var visa = Schengen(VisaEntries.Single);
        var entry = Cross(Direction.Entry, "FR", new(2025, 3, 10));
        // Moving on to Germany is no new entry into the Schengen area.
        var inner = Cross(Direction.Entry, "DE", new(2025, 3, 15));
        var exit = Cross(Direction.Exit, "DE", new(2025, 3, 20));
        Crossing[] all = [entry, inner, exit];
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 3, 9), all));
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 3, 10), all));
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 3, 20), all));
        Assert.Equal(VisaState.EntriesUsed, On(visa, new(2025, 3, 21), all));
        var standing = VisaStanding.On(visa, new(2025, 3, 21), all, RuleSet.Default, VisaCategories.Default);
        Assert.Equal((1, (int?)1), (standing.EntriesUsed, standing.EntriesAllowed));
        // After its validity it is expired, whatever it was used for.
        Assert.Equal(VisaState.Expired, On(visa, Until.AddDays(1), all));
    }

    [Fact]
    public void A_double_entry_visa_is_used_up_only_after_the_second_stay()
    {
        var visa = Schengen(VisaEntries.Double);
        Crossing[] all =
        [
            Cross(Direction.Entry, "IT", new(2025, 3, 2)), Cross(Direction.Exit, "IT", new(2025, 3, 5)),
            Cross(Direction.Entry, "ES", new(2025, 4, 1)), Cross(Direction.Exit, "FR", new(2025, 4, 8)),
        ];
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 3, 6), all));
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 4, 8), all));
        Assert.Equal(VisaState.EntriesUsed, On(visa, new(2025, 4, 9), all));
    }

    [Fact]
    public void Entries_before_validity_or_outside_the_area_do_not_count()
    {
        var visa = Schengen(VisaEntries.Single);
        Crossing[] all =
        [
            Cross(Direction.Entry, "FR", new(2025, 2, 20)), Cross(Direction.Exit, "FR", new(2025, 2, 25)),
            Cross(Direction.Entry, "GB", new(2025, 3, 5)), Cross(Direction.Exit, "GB", new(2025, 3, 9)),
        ];
        Assert.Equal(VisaState.Valid, On(visa, new(2025, 4, 1), all));
        Assert.Equal(0, VisaStanding.On(visa, new(2025, 4, 1), all, RuleSet.Default, VisaCategories.Default).EntriesUsed);
    }

    [Fact]
    public void A_national_visa_counts_entries_into_its_issuing_state_only()
    {
        var visitor = new Visa("U1", null, "US", "B1/B2", VisaEntries.Single, From, Until, 90, From, VisaStatus.Valid, null, null);
        Crossing[] all = [Cross(Direction.Entry, "CA", new(2025, 3, 2)), Cross(Direction.Exit, "CA", new(2025, 3, 5))];
        Assert.Equal(VisaState.Valid, On(visitor, new(2025, 3, 6), all));
        Crossing[] us = [Cross(Direction.Entry, "US", new(2025, 3, 2)), Cross(Direction.Exit, "US", new(2025, 3, 5))];
        Assert.Equal(VisaState.EntriesUsed, On(visitor, new(2025, 3, 6), us));
    }

    [Fact]
    public void A_revoked_visa_is_valid_until_the_day_before_its_revocation_and_revoked_from_that_day()
    {
        var revokedOn = new DateOnly(2025, 4, 15);
        var visa = Schengen(status: VisaStatus.Revoked, endedOn: revokedOn);
        Assert.Equal(VisaState.Valid, On(visa, revokedOn.AddDays(-1)));
        Assert.Equal(VisaState.Revoked, On(visa, revokedOn));
        Assert.Equal(VisaState.Revoked, On(visa, Until.AddDays(1)));
    }

    [Fact]
    public void An_annulled_visa_is_annulled_on_every_day_because_it_never_was_valid()
    {
        var visa = Schengen(status: VisaStatus.Annulled, endedOn: new(2025, 4, 15));
        Assert.Equal(VisaState.Annulled, On(visa, From.AddDays(-1)));
        Assert.Equal(VisaState.Annulled, On(visa, From));
        Assert.Equal(VisaState.Annulled, On(visa, Until.AddDays(1)));
    }
}
