using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access;

/// <summary>
/// JWT bearer authentication (an OpenID Connect issuer, or the development key) and a fallback policy that makes
/// every endpoint require an authenticated principal; /health and /openapi opt out explicitly. Refusals are RFC 7807
/// problems like every other error.
/// </summary>
public static class LedgerAuthentication
{
    public static AuthOptions Add(WebApplicationBuilder builder)
    {
        var options = (builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions())
            .Validate().RefuseSigningKeyIn(builder.Environment);
        builder.Services.AddSingleton(options);
        if (builder.Environment.IsProduction() && options.UsesSigningKey) builder.Services.AddHostedService<SigningKeyWarning>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Keep the token's own claim names (sub, role, country, traveller), not the WS-* URIs.
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                RoleClaimType = options.RoleClaim,
                NameClaimType = "sub",
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                // Keys (and key rotation) come from the issuer's discovery document.
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = AuthOptions.DevelopmentIssuer;
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(options.SigningKeyBytes());
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            jwt.Events = new JwtBearerEvents
            {
                // Every principal must be someone: who recorded, who read, whose webhook, whose rate limit.
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value)) context.Fail("the token has no subject (sub)");
                    // However it was minted (tokens issue --hours, a provider's setting), a token holds at most MaxTokenHours.
                    else if (context.SecurityToken is not JsonWebToken token) context.Fail("the token is not a JSON web token");
                    else if (TokenLifetime.Refusal(token, options.MaxTokenLifetime, DateTimeOffset.UtcNow) is { } tooLong) context.Fail(tooLong);
                    // Every token has an id, so that it can be revoked; a revoked one is refused on every node within seconds.
                    else if (string.IsNullOrWhiteSpace(token.Id)) context.Fail("the token has no id (jti)");
                    else if (context.HttpContext.RequestServices.GetRequiredService<RevokedTokens>().IsRevoked(token.Id)) context.Fail("the token has been revoked");
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                        context.AuthenticateFailure is null
                            ? "a bearer token is required (Authorization: Bearer <token>)"
                            : "the bearer token is not valid (expired, revoked, wrongly signed, for another audience, or without an id)");
                },
                OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                    "this token does not carry the right to this request"),
            };
        });
        builder.Services.ConfigureMarten(o => o.Schema.For<TokenRevocation>());
        builder.Services.AddSingleton<RevokedTokens>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RevokedTokens>());
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return options;
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
