using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>Idempotency keys in PostgreSQL: stateless (the primary key decides races), so local workers serve it side by side.</summary>
[StatelessWorker]
public sealed class IdempotencyGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IIdempotencyGrain
{
    static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(10);

    readonly IdempotencyStore _keys = new(dataSource);
    DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task<IdempotencyClaim> Claim(IdempotentRequest request)
    {
        var hash = Validate(request);
        var now = time.GetUtcNow();
        if (now - _lastSweep >= SweepPeriod)
        {
            _lastSweep = now;
            await _keys.SweepAsync(now, CancellationToken.None);
        }

        return await _keys.ClaimAsync(request, hash, now, CancellationToken.None);
    }

    public Task Complete(IdempotentRequest request, StoredResponse response)
    {
        Validate(request);
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode is >= 200 and <= 499
            ? _keys.CompleteAsync(request, response, CancellationToken.None)
            : _keys.ReleaseAsync(request, CancellationToken.None);
    }

    public Task Release(IdempotentRequest request)
    {
        Validate(request);
        return _keys.ReleaseAsync(request, CancellationToken.None);
    }

    static byte[] Validate(IdempotentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IdempotentRequest.IsValidKey(request.Key))
        {
            throw new FlattrException(
                FlattrErrors.InvalidParameters, $"An Idempotency-Key is 1 to {IdempotentRequest.MaximumKeyLength} printable ASCII characters.");
        }

        return request.RequestHash is { Length: 64 } && request.RequestHash.All(char.IsAsciiHexDigitLower)
            ? Convert.FromHexString(request.RequestHash)
            : throw new FlattrException(FlattrErrors.InvalidParameters, "A request hash is 64 lower-case hex digits (SHA-256).");
    }
}
