using Microsoft.IdentityModel.JsonWebTokens;

namespace Ledger.Access;

/// <summary>
/// A token may hold for at most <see cref="AuthOptions.MaxTokenHours"/>: from the earliest of its <c>iat</c>, its
/// <c>nbf</c> and now, until its <c>exp</c>. Counting from now as well catches a token dated in the future (whose
/// <c>exp − iat</c> looks short but which holds from now until then). A token that says neither when it was issued nor
/// from when it holds cannot show its lifetime and is refused. Pure: the caller gives the time.
/// </summary>
public static class TokenLifetime
{
    /// <summary>Why the token is refused, or null when its lifetime is within the limit.</summary>
    public static string? Refusal(JsonWebToken token, TimeSpan max, DateTimeOffset now)
    {
        if (!token.TryGetPayloadValue<long>("exp", out var exp)) return "the token has no expiry (exp)";
        var hasIssued = token.TryGetPayloadValue<long>("iat", out var iat);
        var hasNotBefore = token.TryGetPayloadValue<long>("nbf", out var nbf);
        if (!hasIssued && !hasNotBefore) return "the token says neither when it was issued (iat) nor from when it holds (nbf)";
        var from = now.ToUnixTimeSeconds();
        if (hasIssued) from = Math.Min(from, iat);
        if (hasNotBefore) from = Math.Min(from, nbf);
        return exp - from > (long)max.TotalSeconds
            ? $"the token holds longer than Ledger:Auth:MaxTokenHours ({max.TotalHours:0} hours) allows"
            : null;
    }
}
