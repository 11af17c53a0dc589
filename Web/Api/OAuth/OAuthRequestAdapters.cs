using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Flattr.Web.Api.OAuth;

/// <summary>What OpenIddict is told about Flattr's clients: the shapes of request and answer that Flattr-era clients know.</summary>
public static class OAuthRequestAdapters
{
    /// <summary>
    /// Flattr-era clients separate scopes with commas (python-flattr: <c>scope=flattr,thing</c>) or <c>+</c>; OAuth with
    /// spaces. The authorization request's scopes are rewritten space-separated before OpenIddict validates them.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor FlattrScopeSeparators { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseInlineHandler(context =>
            {
                if (context.Request?.Scope is { } scope && scope.AsSpan().IndexOfAny(',', '+') >= 0)
                {
                    context.Request.Scope = string.Join(' ', scope.Split([' ', ',', '+'], StringSplitOptions.RemoveEmptyEntries));
                }

                return default;
            })
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Flattr answered <c>"token_type": "bearer"</c>; the type is case-insensitive (RFC 6749 5.1), so its spelling is kept.</summary>
    public static OpenIddictServerHandlerDescriptor LowercaseBearer { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseInlineHandler(context =>
            {
                if (context.Response.TokenType is { } type && string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.TokenType = "bearer";
                }

                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();
}
