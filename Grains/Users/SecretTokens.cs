using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Flattr.Users;

/// <summary>Random secrets handed to a browser or mailed (256 bits, base64url) and the SHA-256 the database keeps instead.</summary>
static class SecretTokens
{
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
