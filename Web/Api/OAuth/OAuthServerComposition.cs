using Flattr.Api;
using Flattr.Silo.Hosting;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// The OAuth 2 authorization server, on OpenIddict: the consent page (<see cref="AuthorizeModel"/>) at <c>/oauth/authorize</c>,
/// the token endpoint at <c>/oauth/token</c> (Flattr's paths), revocation (<c>/oauth/revoke</c>), introspection
/// (<c>/oauth/introspect</c>) and the discovery document (<c>/.well-known/oauth-authorization-server</c>). Its state is in
/// PostgreSQL (EF Core stores, <see cref="OAuthDbContext"/>) and its tokens are formatted with the cluster's shared data
/// protection key ring, so any node accepts a token any node issued.
/// </summary>
public static class OAuthServerComposition
{
    public const string AuthorizePath = "oauth/authorize";
    public const string TokenPath = "oauth/token";
    public const string RevocationPath = "oauth/revoke";
    public const string IntrospectionPath = "oauth/introspect";

    /// <summary>RFC 6749 4.1.2 recommends at most 10 minutes; a client exchanges its code within seconds.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long an access token lives when the application also holds a refresh token (scope <c>offline_access</c>).</summary>
    public static readonly TimeSpan RefreshedAccessTokenLifetime = TimeSpan.FromHours(1);

    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    public static IServiceCollection AddFlattrOAuthServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDbContext<OAuthDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString(FlattrSiloHosting.ConnectionStringName))
            .UseSnakeCaseNamingConvention());
        services.AddTransient<IStartupFilter, OAuthMalformedFormStartupFilter>();
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<OAuthDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, OAuthClientManager>();

                // An owner's change to an application (PKCE optional, deletion) counts on every node at once.
                core.DisableEntityCaching();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizePath)
                    .SetTokenEndpointUris(TokenPath)
                    .SetRevocationEndpointUris(RevocationPath)
                    .SetIntrospectionEndpointUris(IntrospectionPath)
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                if (configuration[$"{Flattr.Web.Hosting.FlattrWebOptions.Section}:PublicBaseUrl"] is { Length: > 0 } issuer)
                {
                    server.SetIssuer(new Uri(issuer, UriKind.Absolute));
                }

                // No implicit, password or client credentials grant (RFC 9700); S256 is the only PKCE method.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes([.. ApiScopes.All, Scopes.OfflineAccess]);

                // Every application may use every endpoint, grant and scope; PKCE is required per application
                // (oauth_clients.requirements), so that an owner may let a confidential Flattr-era client go without.
                server.IgnoreEndpointPermissions().IgnoreGrantTypePermissions().IgnoreResponseTypePermissions().IgnoreScopePermissions();

                // Tokens do not expire, as on Flattr, unless the application asked for a refresh token (see AuthorizeModel).
                server.SetAuthorizationCodeLifetime(CodeLifetime).SetAccessTokenLifetime(null).SetRefreshTokenLifetime(RefreshTokenLifetime);

                // Short opaque handles whose payload is in oauth_tokens: revoked the moment their row is.
                server.UseReferenceAccessTokens().UseReferenceRefreshTokens();

                // Codes and tokens are sealed with the cluster's data protection key ring (in PostgreSQL). OpenIddict still
                // wants a signing and an encryption key of its own; they sign and encrypt nothing here (no identity tokens, no
                // JWT access tokens), so per-node keys held in memory break nothing.
                server.UseDataProtection();
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();

                server.AddEventHandler(OAuthRequestAdapters.FlattrScopeSeparators)
                    .AddEventHandler(OAuthRequestAdapters.LowercaseBearer)
                    .AddEventHandler(OAuthRequestAdapters.NoNulCharacters<OpenIddictServerEvents.ExtractAuthorizationRequestContext>())
                    .AddEventHandler(OAuthRequestAdapters.NoNulCharacters<OpenIddictServerEvents.ExtractTokenRequestContext>())
                    .AddEventHandler(OAuthRequestAdapters.NoNulCharacters<OpenIddictServerEvents.ExtractRevocationRequestContext>())
                    .AddEventHandler(OAuthRequestAdapters.NoNulCharacters<OpenIddictServerEvents.ExtractIntrospectionRequestContext>());

                // Behind the cluster's TLS-terminating proxy the app sees http (Flattr:Web:KnownProxies forwards the scheme).
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableErrorPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseDataProtection();
                validation.EnableAuthorizationEntryValidation();
                validation.UseAspNetCore();
            });
        return services;
    }
}
