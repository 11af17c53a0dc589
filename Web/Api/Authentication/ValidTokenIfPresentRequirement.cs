using Microsoft.AspNetCore.Authorization;

namespace Flattr.Web.Api.Authentication;

/// <summary>
/// Public endpoints work without a token, but a request that sends one must send a valid one: a revoked or mistyped token is
/// told so (401) instead of silently seeing less.
/// </summary>
public sealed class ValidTokenIfPresentRequirement : AuthorizationHandler<ValidTokenIfPresentRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ValidTokenIfPresentRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Resource as HttpContext;
        var presented = http is not null && ApiTokenAuthentication.TryGetPresentedToken(http.Request, out _);
        if (!presented || context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiTokenAuthentication.SchemeName })
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
