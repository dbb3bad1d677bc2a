using Ledger.Access;
using Ledger.Projections.Retention;
using Wolverine.Http;

namespace Ledger.Retention;

/// <summary><c>GET /retention-policies</c>: every cited retention policy, for any authenticated principal.</summary>
public static class GetRetentionPoliciesEndpoint
{
    public sealed record RetentionPeriodView(int Years, int Months, int Days, string Words);

    public sealed record RetentionPolicyView(
        string Id, string Name, string PlainWords, IReadOnlyList<string> Holders, IReadOnlyList<string> ExemptNationalities,
        IReadOnlyList<RetainedKind> RecordKinds, IReadOnlyList<Ledger.Projections.Crossings.CrossingSource> Sources,
        RetentionPeriodView Keep, RetentionAnchor From, RetentionPeriodView? NotifyBefore, string Source, string? Url);

    /// <param name="OtherHolders">What holds for every holder and record no policy covers.</param>
    /// <param name="SelfReported">What holds for self-reported records.</param>
    public sealed record RetentionPoliciesView(string Version, IReadOnlyList<RetentionPolicyView> Policies, string OtherHolders, string SelfReported);

    [WolverineGet("/retention-policies")]
    public static RetentionPoliciesView Get(HttpContext http)
    {
        _ = Caller.Of(http);
        var all = RetentionPolicies.Default;
        return new RetentionPoliciesView(all.Version, all.Policies.Select(p => new RetentionPolicyView(
                p.Id, p.Name, p.PlainWords, p.Holders.Order(StringComparer.Ordinal).ToList(), p.ExemptNationalities.Order(StringComparer.Ordinal).ToList(),
                p.RecordKinds.Order().ToList(), p.Sources.Order().ToList(), View(p.Keep), p.From, p.NotifyBefore is { } n ? View(n) : null, p.Source, p.Url)).ToList(),
            $"{RetentionPolicies.NoneSet}: a holder without a cited policy keeps its records until it erases them itself",
            "kept until the traveller erases them: no policy erases a self-reported record");
    }

    private static RetentionPeriodView View(RetentionPeriod p) => new(p.Years, p.Months, p.Days, p.ToString());
}
