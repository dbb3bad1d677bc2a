using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ledger.Tests.Pages;

/// <summary>
/// axe-core over a page as it stands, with the WCAG 2.0, 2.1 and 2.2 A and AA rules: every violation fails the test,
/// named with its rule, the elements and the page state. Closed "details" disclosures are opened first, so what they
/// hold is checked too.
/// </summary>
public static class Axe
{
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags.ToList() },
            ResultTypes = [ResultType.Violations],
        });
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {n.Html}"))).ToList();
        Assert.True(found.Count == 0, $"axe found {found.Count} violations on {state} ({page.Url}):\n{string.Join("\n", found)}");
    }
}
