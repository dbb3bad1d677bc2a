using Ledger.Access;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Ledger.Screening;

namespace Ledger.Visas;

/// <summary>The check every visa write starts with: a known state, and a caller who is one of its caseworkers.</summary>
public static class VisaRights
{
    public static ProblemDetails ForState(string state, string field, HttpContext http, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        errors.Check(field, () => Parse.Country(state, field));
        if (errors.Any) return errors.ToProblem();
        Caller.Of(http).MayRecordFor(state, "visa facts");
        return WolverineContinue.NoProblems;
    }
}
