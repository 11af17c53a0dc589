using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// OpenIddict's application manager with Flattr's client secrets: 256 random bits, stored as their SHA-256 hash (in base64 in
/// the <c>oauth_clients</c> view), as they were before OpenIddict. A fast hash is right for a secret nobody can guess; the
/// comparison takes constant time.
/// </summary>
public sealed class OAuthClientManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Convert.ToBase64String(Hash(secret)));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparand);
        Span<byte> stored = stackalloc byte[32];
        return ValueTask.FromResult(
            secret is { Length: > 0 and <= 512 }
            && Convert.TryFromBase64String(comparand, stored, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(Hash(secret), stored));
    }

    static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
