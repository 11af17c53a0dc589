using Npgsql;

namespace Flattr.Api;

/// <summary>The <c>api_idempotency_keys</c> table. The primary key (user, key) decides which of two racing requests runs.</summary>
sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    /// <summary>How long a response is kept for retries (Stripe's 24 hours).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a running request holds its key before a retry may take it over (a request that crashed the process
    /// never completes nor releases it).</summary>
    public static readonly TimeSpan Lock = TimeSpan.FromMinutes(1);

    public async Task<IdempotencyClaim> ClaimAsync(IdempotentRequest request, byte[] requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Insert the lock, or take over a row that expired or whose same request was abandoned mid-way: only then run.
        await using (var claim = dataSource.CreateCommand(
            """
            INSERT INTO api_idempotency_keys AS k (user_id, key, request_hash, status, created_at, locked_until)
            VALUES ($1, $2, $3, 'in_progress', $4, $5)
            ON CONFLICT (user_id, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, status = 'in_progress', created_at = EXCLUDED.created_at,
                    locked_until = EXCLUDED.locked_until, response_status = NULL, response_content_type = NULL,
                    response_body = NULL, response_location = NULL
                WHERE k.created_at < $6
                   OR (k.status = 'in_progress' AND k.locked_until < $4 AND k.request_hash = EXCLUDED.request_hash)
            RETURNING true
            """))
        {
            claim.Parameters.Add(new() { Value = request.UserId });
            claim.Parameters.Add(new() { Value = request.Key });
            claim.Parameters.Add(new() { Value = requestHash });
            claim.Parameters.Add(new() { Value = now });
            claim.Parameters.Add(new() { Value = now + Lock });
            claim.Parameters.Add(new() { Value = now - Retention });
            try
            {
                if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    return new IdempotencyClaim(IdempotencyOutcome.Proceed, null);
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new FlattrException(FlattrErrors.NotFound, $"There is no user {request.UserId}.", e);
            }
        }

        await using var read = dataSource.CreateCommand(
            """
            SELECT request_hash, status, response_status, response_content_type, response_body, response_location
            FROM api_idempotency_keys WHERE user_id = $1 AND key = $2
            """);
        read.Parameters.Add(new() { Value = request.UserId });
        read.Parameters.Add(new() { Value = request.Key });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Released between the two statements (the other attempt failed on our side): answered as busy, a retry runs.
            return new IdempotencyClaim(IdempotencyOutcome.InProgress, null);
        }

        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash))
        {
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch, null);
        }

        return reader.GetString(1) == "done"
            ? new IdempotencyClaim(
                IdempotencyOutcome.Replay,
                new StoredResponse(reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)))
            : new IdempotencyClaim(IdempotencyOutcome.InProgress, null);
    }

    public async Task CompleteAsync(IdempotentRequest request, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE api_idempotency_keys
            SET status = 'done', locked_until = NULL, response_status = $3, response_content_type = $4, response_body = $5, response_location = $6
            WHERE user_id = $1 AND key = $2 AND status = 'in_progress'
            """);
        command.Parameters.Add(new() { Value = request.UserId });
        command.Parameters.Add(new() { Value = request.Key });
        command.Parameters.Add(new() { Value = response.StatusCode });
        command.Parameters.Add(new() { Value = response.ContentType });
        command.Parameters.Add(new() { Value = response.Body });
        command.Parameters.Add(new() { Value = (object?)response.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM api_idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_progress'");
        command.Parameters.Add(new() { Value = request.UserId });
        command.Parameters.Add(new() { Value = request.Key });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes keys past the retention; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM api_idempotency_keys WHERE created_at < $1");
        command.Parameters.Add(new() { Value = now - Retention });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
