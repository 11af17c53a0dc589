using Orleans;

namespace Flattr.Api;

/// <summary>
/// A request carrying an <c>Idempotency-Key</c>: keys are per user (1–255 printable ASCII characters);
/// <see cref="RequestHash"/> is the lower-case hex SHA-256 of what makes the request itself (method, path, query, body).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.IdempotentRequest")]
public sealed record IdempotentRequest(long UserId, string Key, string RequestHash)
{
    public const int MaximumKeyLength = 255;

    public static bool IsValidKey(string? key) =>
        key is { Length: >= 1 and <= MaximumKeyLength } && key.All(c => c is >= '!' and <= '~');
}
