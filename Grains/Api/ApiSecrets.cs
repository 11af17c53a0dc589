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
    public const string OAuthTokenPrefix = "flattr_oat_";
    public const string ClientSecretPrefix = "flattr_cs_";
    public const string CodePrefix = "flattr_ac_";

    public static string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A public client id: 128 random bits, 22 characters.</summary>
    public static string NewClientId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Verify(string? presented, byte[] storedHash) =>
        presented is { Length: > 0 and <= 512 } && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    /// <summary>RFC 7636 S256: BASE64URL(SHA-256(ASCII(code_verifier))) equals the challenge; the verifier is 43–128
    /// characters of [A-Z a-z 0-9 - . _ ~].</summary>
    public static bool VerifyPkce(string? codeVerifier, string codeChallenge)
    {
        if (codeVerifier is not { Length: >= 43 and <= 128 } || !codeVerifier.All(IsVerifierCharacter))
        {
            return false;
        }

        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(codeChallenge));
    }

    static bool IsVerifierCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
