using Orleans;

namespace Flattr.Api;

/// <summary>
/// A registered third-party application. <see cref="Confidential"/> apps authenticate to the token endpoint with their
/// secret (HTTP Basic, as Flattr did); public apps (native or in-browser) cannot keep one and rely on PKCE alone.
/// <see cref="PkceOptional"/>: the owner lets this confidential app leave PKCE out, as clients written for Flattr's API do
/// (its codes are then protected by its secret alone); never set for a public app.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.OAuthAppInfo")]
public sealed record OAuthAppInfo(
    long Id,
    long OwnerId,
    string OwnerUsername,
    string ClientId,
    string Name,
    string RedirectUri,
    bool Confidential,
    DateTimeOffset CreatedAt,
    bool PkceOptional = false);
