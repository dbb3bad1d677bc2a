using System.Text;
using Ledger.Projections.Plans;
using Ledger.Projections.TravelAuthorisations;
using Ledger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Plans;

/// <summary>Plans stored before legs said how they travel still load, as journeys by air.</summary>
public class StoredPlanShapeTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public void A_leg_stored_without_by_reads_as_air()
    {
        var serializer = app.Services.GetRequiredService<IDocumentStore>().Options.Serializer();
        // What the store wrote for a leg before: the same leg serialized now, with its "by" taken out.
        var written = serializer.ToJson(new PlannedLeg("FR", new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 20), TravelMode.Land));
        var old = System.Text.RegularExpressions.Regex.Replace(written, @",\s*""[Bb]y""\s*:\s*(""[^""]*""|\d+)", "");
        Assert.DoesNotContain("by", old, StringComparison.OrdinalIgnoreCase);
        var leg = serializer.FromJson<PlannedLeg>(new MemoryStream(Encoding.UTF8.GetBytes(old)));
        Assert.Equal(new PlannedLeg("FR", new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 20), TravelMode.Air), leg);
    }
}
