using Microsoft.AspNetCore.Antiforgery;

namespace Flattr.Web.Security;

/// <summary>
/// Rejects a request whose endpoint requires an antiforgery token when the token is missing or invalid. ASP.NET Core's
/// antiforgery middleware only records the outcome: pages and form-binding endpoints act on it, but a minimal endpoint
/// that reads no form (the JSON flattr, sign-out) would run anyway, so a forged cross-site post would flattr. Runs after
/// <c>UseAntiforgery</c>; answers 400 with a Flattr error body.
/// </summary>
public sealed class AntiforgeryEnforcementMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true }
            && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Hosting.ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, FlattrErrors.InvalidParameters,
                Localization.Texts.Current.ErrorAntiforgery, context.RequestAborted);
        }

        return next(context);
    }
}
