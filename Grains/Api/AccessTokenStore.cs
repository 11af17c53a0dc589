using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Api;

/// <summary>
/// The <c>api_tokens</c> table (personal tokens, and OAuth tokens issued before OpenIddict), found by their hash; and the
/// users' OAuth grants in OpenIddict's tables.
/// </summary>
sealed class AccessTokenStore(NpgsqlDataSource dataSource)
{
    const string Columns =
        "k.id, k.user_id, k.kind, k.name, k.scopes, k.app_id, a.name, k.created_at, k.last_used_at, k.revoked_at";

    const string From = "api_tokens k LEFT JOIN oauth_apps a ON a.id = k.app_id";

    /// <summary>How stale <c>last_used_at</c> may get: refreshing it on every request would write a row per API call.</summary>
    static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<AccessTokenInfo> InsertAsync(
        long userId, AccessTokenKind kind, string name, long? appId, ImmutableArray<string> scopes, byte[] tokenHash, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH k AS (
                INSERT INTO api_tokens (user_id, token_hash, kind, name, app_id, scopes, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING *)
            SELECT {Columns} FROM k LEFT JOIN oauth_apps a ON a.id = k.app_id
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = tokenHash });
        command.Parameters.Add(new() { Value = KindText(kind) });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = (object?)appId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = scopes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = now });
        try
        {
            return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).Single();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {userId}.", e);
        }
    }

    public async Task<ImmutableArray<AccessTokenInfo>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM {From} WHERE k.user_id = $1 ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id DESC");
        command.Parameters.Add(new() { Value = userId });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a token of the user; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) WHERE id = $2 AND user_id = $1");
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = tokenId });
        command.Parameters.Add(new() { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// The applications the user allowed: OpenIddict's valid authorizations (subject = the user's id) and any OAuth token
    /// issued before OpenIddict, one entry per application that is not deleted.
    /// </summary>
    public async Task<ImmutableArray<OAuthGrant>> ListGrantsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH g AS (
                SELECT z.application_id::bigint AS app_id, s.scope, z.creation_date AS granted_at
                FROM oauth_authorizations z
                LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(z.scopes, '[]')::jsonb) s(scope) ON true
                WHERE z.subject = $1::text AND z.status = 'valid'
                UNION ALL
                SELECT k.app_id, unnest(k.scopes), k.created_at
                FROM api_tokens k WHERE k.user_id = $1 AND k.kind = 'oauth' AND k.revoked_at IS NULL)
            SELECT a.id, a.name, coalesce(array_agg(DISTINCT g.scope) FILTER (WHERE g.scope IS NOT NULL), '{}'), min(g.granted_at)
            FROM g JOIN oauth_apps a ON a.id = g.app_id AND a.deleted_at IS NULL
            GROUP BY a.id, a.name ORDER BY min(g.granted_at) DESC, a.id DESC
            """);
        command.Parameters.Add(new() { Value = userId });
        var grants = ImmutableArray.CreateBuilder<OAuthGrant>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grants.Add(new OAuthGrant(
                reader.GetInt64(0),
                reader.GetString(1),
                ApiScopes.Normalise(reader.GetFieldValue<string[]>(2)),
                reader.IsDBNull(3) ? DateTimeOffset.UnixEpoch : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return grants.ToImmutable();
    }

    /// <summary>Revokes what the user granted to an application (OpenIddict's authorizations and tokens, older tokens); returns how many.</summary>
    public async Task<int> RevokeAppAsync(long userId, long appId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH z AS (
                UPDATE oauth_authorizations SET status = 'revoked', concurrency_token = gen_random_uuid()::text
                WHERE subject = $1::text AND application_id = $2::text AND status = 'valid'
                RETURNING id),
            t AS (
                UPDATE oauth_tokens SET status = 'revoked', concurrency_token = gen_random_uuid()::text
                WHERE subject = $1::text AND application_id = $2::text AND status IN ('valid', 'inactive')),
            k AS (
                UPDATE api_tokens SET revoked_at = $3 WHERE user_id = $1 AND app_id = $2 AND revoked_at IS NULL
                RETURNING id)
            SELECT (SELECT count(*) FROM z) + (SELECT count(*) FROM k)
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = appId });
        command.Parameters.Add(new() { Value = now });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    /// <summary>
    /// The grant of an active token with this hash, touching <c>last_used_at</c> when it is stale. Tokens of deleted
    /// applications are revoked with them, so they are never found here.
    /// </summary>
    public async Task<AccessTokenGrant?> FindActiveAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH k AS (
                SELECT k.id, k.user_id, u.username, k.scopes, k.kind, k.app_id, k.last_used_at
                FROM api_tokens k JOIN users u ON u.id = k.user_id
                WHERE k.token_hash = $1 AND k.revoked_at IS NULL),
            touched AS (
                UPDATE api_tokens t SET last_used_at = $2 FROM k
                WHERE t.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < $3))
            SELECT id, user_id, username, scopes, kind, app_id FROM k
            """);
        command.Parameters.Add(new() { Value = tokenHash });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - LastUsedResolution });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new AccessTokenGrant(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetString(2),
            [.. reader.GetFieldValue<string[]>(3)],
            ParseKind(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetInt64(5));
    }

    public static string KindText(AccessTokenKind kind) => kind == AccessTokenKind.OAuth ? "oauth" : "personal";

    static AccessTokenKind ParseKind(string text) => text == "oauth" ? AccessTokenKind.OAuth : AccessTokenKind.Personal;

    public static async Task<ImmutableArray<AccessTokenInfo>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var tokens = ImmutableArray.CreateBuilder<AccessTokenInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(new AccessTokenInfo(
                reader.GetInt64(0),
                reader.GetInt64(1),
                ParseKind(reader.GetString(2)),
                reader.GetString(3),
                [.. reader.GetFieldValue<string[]>(4)],
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return tokens.ToImmutable();
    }
}
