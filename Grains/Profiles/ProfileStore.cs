using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Profiles;

/// <summary>The <c>user_profiles</c> and <c>user_avatars</c> tables (a user without rows has an empty profile).</summary>
public sealed class ProfileStore(NpgsqlDataSource dataSource)
{
    /// <summary>The profile, or null when no such user exists.</summary>
    public async Task<PublicProfile?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT coalesce(p.bio, ''), coalesce(p.links, '{}'), a.etag
            FROM users u
            LEFT JOIN user_profiles p ON p.user_id = u.id
            LEFT JOIN user_avatars a ON a.user_id = u.id
            WHERE u.id = $1
            """);
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PublicProfile(userId, reader.GetString(0), [.. reader.GetFieldValue<string[]>(1)], reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    public async Task SaveAsync(long userId, string bio, ImmutableArray<string> links, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO user_profiles (user_id, bio, links, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id) DO UPDATE SET bio = excluded.bio, links = excluded.links, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = bio });
        command.Parameters.Add(new() { Value = links.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAvatarAsync(long userId, Avatar avatar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(avatar);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO user_avatars (user_id, image, content_type, etag, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_id) DO UPDATE
            SET image = excluded.image, content_type = excluded.content_type, etag = excluded.etag, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = avatar.Image });
        command.Parameters.Add(new() { Value = avatar.ContentType });
        command.Parameters.Add(new() { Value = avatar.ETag });
        command.Parameters.Add(new() { Value = avatar.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Distinct givers with a click on one of the user's things (the things' current owner: a claimed thing's supporters move with it).</summary>
    public async Task<long> CountSupportersAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(DISTINCT c.giver_id) FROM things t JOIN clicks c ON c.thing_id = t.id WHERE t.owner_id = $1");
        command.Parameters.Add(new() { Value = userId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Avatar?> GetAvatarAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT image, content_type, etag, updated_at FROM user_avatars WHERE user_id = $1");
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Avatar(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }
}
