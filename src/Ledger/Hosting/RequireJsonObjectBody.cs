using Microsoft.AspNetCore.Mvc;

namespace Ledger.Hosting;

/// <summary>
/// Every JSON body this API accepts is an object. A body of <c>null</c>, an array, a string or a number is refused
/// here with a 400 problem, before model binding, so no endpoint ever sees a null request.
/// </summary>
public sealed class RequireJsonObjectBody(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasJsonContentType() && await FirstTokenAsync(http.Request) is { } first && first != '{')
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = 400, Title = "Invalid request", Detail = "the request body must be a JSON object" },
            });
            return;
        }
        await next(http);
    }

    /// <summary>The first non-blank character of the body (null for an empty body), leaving the body readable.</summary>
    private static async Task<char?> FirstTokenAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var buffer = new byte[64];
        int read;
        char? first = null;
        while (first is null && (read = await request.Body.ReadAsync(buffer)) > 0)
            foreach (var b in buffer.AsSpan(0, read))
                if (!char.IsWhiteSpace((char)b) && b != 0xEF && b != 0xBB && b != 0xBF) { first = (char)b; break; }
        request.Body.Position = 0;
        return first;
    }
}
