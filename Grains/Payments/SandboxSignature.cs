using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flattr.Payments;

/// <summary>
/// The sandbox provider's webhook signature: header <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>.
/// The timestamp is inside the MAC, so it cannot be moved to replay an old delivery later.
/// </summary>
static class SandboxSignature
{
    public static string Sign(ReadOnlyMemory<byte> secret, DateTimeOffset timestamp, string body)
    {
        var unix = timestamp.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={unix},v1={Convert.ToHexStringLower(Mac(secret, unix, body))}");
    }

    /// <summary>Null when the signature verifies; otherwise why not (for the log and the error message).</summary>
    public static string? Verify(ReadOnlyMemory<byte> secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return "the signature header is missing";
        }

        long? unix = null;
        byte[]? signature = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                unix = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64)
            {
                try
                {
                    signature = Convert.FromHexString(part.AsSpan(3));
                }
                catch (FormatException)
                {
                    return "the signature is not hexadecimal";
                }
            }
        }

        if (unix is not { } seconds || signature is null)
        {
            return "the signature header lacks t= or v1=";
        }

        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return "the signature timestamp is outside the tolerance";
        }

        return CryptographicOperations.FixedTimeEquals(signature, Mac(secret, seconds, body)) ? null : "the signature does not match";
    }

    static byte[] Mac(ReadOnlyMemory<byte> secret, long unix, string body) =>
        HMACSHA256.HashData(secret.Span, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{unix}.{body}")));
}
