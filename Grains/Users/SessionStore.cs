using Npgsql;

namespace Flattr.Users;

/// <summary>The <c>user_sessions</c> table: one row per signed-in browser, found by the SHA-256 of its session id.</summary>
public sealed class SessionStore(NpgsqlDataSource dataSource)
{
    /// <summary>How stale <c>last_seen_at</c> may get: refreshing it on every request would write a row per page view.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromHours(1);

    /// <summary>Inserts the session and forgets the user's sessions idle since <paramref name="idleSince"/>.</summary>
    public async Task InsertAsync(byte[] idHash, long userId, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var insert = batch.CreateBatchCommand();
        insert.CommandText = "INSERT INTO user_sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)";
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = idHash });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        batch.BatchCommands.Add(insert);
        var purge = batch.CreateBatchCommand();
        purge.CommandText = "DELETE FROM user_sessions WHERE user_id = $1 AND last_seen_at < $2";
        purge.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = idleSince });
        batch.BatchCommands.Add(purge);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user of a session seen since <paramref name="idleSince"/> whose account is not deleted; notes the visit hourly.</summary>
    public async Task<long?> ValidateAsync(byte[] idHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        long userId;
        DateTimeOffset lastSeen;
        await using (var command = dataSource.CreateCommand("""
            SELECT s.user_id, s.last_seen_at FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = $1 AND s.last_seen_at >= $2 AND u.deleted_at IS NULL
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = idHash });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = idleSince });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (userId, lastSeen) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        }

        if (now - lastSeen >= SeenResolution)
        {
            await using var touch = dataSource.CreateCommand("UPDATE user_sessions SET last_seen_at = $2 WHERE id_hash = $1");
            touch.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = idHash });
            touch.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await touch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return userId;
    }

    public async Task DeleteAsync(byte[] idHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM user_sessions WHERE id_hash = $1");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = idHash });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteAllAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM user_sessions WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
