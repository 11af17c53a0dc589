using System.Security.Cryptography;
using System.Text;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Api.Idempotency;

/// <summary>What "the same request" means for an idempotency key: SHA-256 over method, path, query, media type and body.</summary>
public static class RequestFingerprint
{
    public static string Compute(HttpRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(
            $"{request.Method.ToUpperInvariant()}\n{request.Path.Value}\n{request.QueryString.Value}\n{ApiRequestBody.MediaType(request)}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
