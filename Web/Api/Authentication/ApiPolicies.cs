using Flattr.Api;
using Microsoft.AspNetCore.Authorization;

namespace Flattr.Web.Api.Authentication;

/// <summary>
/// The API's authorization policies, all on the bearer token scheme only (never the cookie): any caller (but a token, when
/// sent, must be valid), a user's token, and a user's token with a given scope.
/// </summary>
public static class ApiPolicies
{
    public const string Caller = "flattr-api";
    public const string User = "flattr-api:user";

    public static string Scope(string scope) => "flattr-api:scope:" + scope;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Caller, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .AddRequirements(new ValidTokenIfPresentRequirement()));
        options.AddPolicy(User, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(Scope(scope), policy => policy
                .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiClaims.Scope, scope));
        }
    }

    /// <summary>Requires a user's token on the endpoint.</summary>
    public static TBuilder RequireApiUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(User);

    /// <summary>Requires a user's token carrying <paramref name="scope"/> on the endpoint.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Scope(scope)).WithMetadata(new RequiredScopeMetadata(scope));
}
