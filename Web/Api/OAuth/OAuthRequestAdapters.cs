using OpenIddict.Abstractions;
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

    /// <summary>
    /// A request to an OAuth endpoint with a NUL character in a parameter is refused before OpenIddict looks anything up:
    /// PostgreSQL text cannot hold one (the look-up would fail as a server error).
    /// </summary>
    public static OpenIddictServerHandlerDescriptor NoNulCharacters<TContext>()
        where TContext : BaseValidatingContext =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseInlineHandler(context =>
            {
                if (context.Transaction.Request is { } request
                    && request.GetParameters().Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || (p.Value.ToString()?.Contains('\0', StringComparison.Ordinal) ?? false)))
                {
                    context.Reject(OpenIddictConstants.Errors.InvalidRequest, "A parameter holds a NUL character.");
                }

                return default;
            })
            .SetOrder(int.MaxValue - 100_000)
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
