using Ledger.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ledger.Problems;

namespace Ledger.Pages;

/// <summary>
/// What every page shares: a refusal of the read models (403, 404, 400) is shown as a page with the same status and
/// message the API would answer, not as an error.
/// </summary>
public abstract class LedgerPageModel : PageModel
{
    /// <summary>Set when the read was refused; the page then shows only this.</summary>
    public LedgerProblem? Refusal { get; private set; }

    public Caller Caller => Access.Caller.Of(HttpContext);

    /// <summary>Runs the page's reads; a refusal becomes the page's status and message.</summary>
    protected async Task<IActionResult> ReadAsync(Func<Task> load)
    {
        try
        {
            await load();
        }
        catch (LedgerProblem problem)
        {
            Refuse(problem);
        }
        catch (Ledger.Projections.StayRules.StayRuleException rule)
        {
            Refuse(LedgerProblem.BadRequest(rule.Message));
        }
        return Page();
    }

    protected void Refuse(LedgerProblem problem)
    {
        Refusal = problem;
        Response.StatusCode = problem.Status;
    }

    /// <summary>The reader is the traveller whose record this is: the page says "you" only then.</summary>
    public bool IsSelf(Guid traveller) => Caller.Is(Access.Role.Traveller) && Caller.Traveller == traveller;

    /// <summary>Record ids may be shown to this reader (behind a "details" disclosure).</summary>
    public bool SeesRecordIds => PageRights.SeesRecordIds(Caller);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public DateOnly Today => DateOnly.FromDateTime(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
}
