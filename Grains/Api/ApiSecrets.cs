using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Flattr.Api;

/// <summary>
/// The API's secrets: 256 random bits in base64url behind a prefix that says what they are (so that secret scanners and
/// people recognise a leaked one), stored only as SHA-256 hashes. A fast hash is right here, unlike for passwords: nobody
/// can guess 256 random bits, so there is nothing to slow down.
/// </summary>
static class ApiSecrets
{
    public const string PersonalTokenPrefix = "flattr_pat_";

    /// <summary>OAuth tokens issued before the server moved onto OpenIddict: still valid until revoked, never issued again.</summary>
    public const string OAuthTokenPrefix = "flattr_oat_";

    public const string ClientSecretPrefix = "flattr_cs_";

    public static string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A public client id: 128 random bits, 22 characters.</summary>
    public static string NewClientId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }
}
