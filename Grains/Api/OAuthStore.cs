using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Api;

/// <summary>The <c>oauth_apps</c> and <c>oauth_codes</c> tables, and the code-for-token exchange as one transaction.</summary>
sealed class OAuthStore(NpgsqlDataSource dataSource)
{
    const string AppColumns =
        "a.id, a.owner_id, u.username, a.client_id, a.name, a.redirect_uri, a.secret_hash IS NOT NULL, a.created_at, a.pkce_optional";

    public async Task<OAuthAppInfo> InsertAppAsync(
        long ownerId, string clientId, OAuthAppRegistration registration, byte[]? secretHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH a AS (
                INSERT INTO oauth_apps (owner_id, client_id, name, redirect_uri, secret_hash, created_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                RETURNING *)
            SELECT {AppColumns} FROM a JOIN users u ON u.id = a.owner_id
            """);
        command.Parameters.Add(new() { Value = ownerId });
        command.Parameters.Add(new() { Value = clientId });
        command.Parameters.Add(new() { Value = registration.Name });
        command.Parameters.Add(new() { Value = registration.RedirectUri });
        command.Parameters.Add(new() { Value = (object?)secretHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = now });
        try
        {
            return (await ReadAppsAsync(command, cancellationToken).ConfigureAwait(false)).Single();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {ownerId}.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The application's data is not valid: " + e.ConstraintName, e);
        }
    }

    public async Task<ImmutableArray<OAuthAppInfo>> ListAppsAsync(long ownerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {AppColumns} FROM oauth_apps a JOIN users u ON u.id = a.owner_id
            WHERE a.owner_id = $1 AND a.deleted_at IS NULL ORDER BY a.created_at DESC, a.id DESC
            """);
        command.Parameters.Add(new() { Value = ownerId });
        return await ReadAppsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An application that is not deleted, with its secret's hash (null for public clients).</summary>
    public async Task<(OAuthAppInfo App, byte[]? SecretHash)?> FindAppAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {AppColumns}, a.secret_hash FROM oauth_apps a JOIN users u ON u.id = a.owner_id
            WHERE a.client_id = $1 AND a.deleted_at IS NULL
            """);
        command.Parameters.Add(new() { Value = clientId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (ReadApp(reader), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9));
    }

    /// <summary>
    /// Sets whether the owner's application may leave PKCE out; null when the owner has no such application. The table's
    /// check refuses it for a public application (<c>invalid_parameters</c>).
    /// </summary>
    public async Task<OAuthAppInfo?> SetPkceOptionalAsync(long ownerId, long appId, bool optional, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH a AS (
                UPDATE oauth_apps SET pkce_optional = $3 WHERE id = $2 AND owner_id = $1 AND deleted_at IS NULL
                RETURNING *)
            SELECT {AppColumns} FROM a JOIN users u ON u.id = a.owner_id
            """);
        command.Parameters.Add(new() { Value = ownerId });
        command.Parameters.Add(new() { Value = appId });
        command.Parameters.Add(new() { Value = optional });
        try
        {
            return (await ReadAppsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A public application has no secret: it always needs PKCE.", e);
        }
    }

    /// <summary>Marks the owner's application deleted and revokes every token granted to it, in one transaction.</summary>
    public async Task<bool> DeleteAppAsync(long ownerId, long appId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = new NpgsqlCommand(
            "UPDATE oauth_apps SET deleted_at = $3 WHERE id = $2 AND owner_id = $1 AND deleted_at IS NULL", connection, transaction);
        delete.Parameters.Add(new() { Value = ownerId });
        delete.Parameters.Add(new() { Value = appId });
        delete.Parameters.Add(new() { Value = now });
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await using var revoke = new NpgsqlCommand(
            "UPDATE api_tokens SET revoked_at = $2 WHERE app_id = $1 AND revoked_at IS NULL", connection, transaction);
        revoke.Parameters.Add(new() { Value = appId });
        revoke.Parameters.Add(new() { Value = now });
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task InsertCodeAsync(
        byte[] codeHash, long appId, AuthorizationRequest request, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO oauth_codes (code_hash, app_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        command.Parameters.Add(new() { Value = codeHash });
        command.Parameters.Add(new() { Value = appId });
        command.Parameters.Add(new() { Value = request.UserId });
        command.Parameters.Add(new() { Value = request.RedirectUri });
        command.Parameters.Add(new() { Value = request.Scopes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)request.CodeChallenge ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = expiresAt });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {request.UserId}.", e);
        }
    }

    /// <summary>
    /// Uses a code, once, in one transaction with the token it gives: the code row is locked, checked by
    /// <paramref name="check"/> (which returns the OAuth error code that refuses it, or null), marked used whatever the
    /// outcome (a refused code cannot be tried again), and on success a token is inserted and linked to it. A code that was
    /// already used revokes the token of its first use.
    /// </summary>
    public async Task<AccessTokenInfo> ExchangeCodeAsync(
        byte[] codeHash,
        Func<RedeemedCode, string?> check,
        Func<RedeemedCode, (string Name, byte[] TokenHash)> newToken,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        RedeemedCode? code;
        await using (var select = new NpgsqlCommand(
            """
            SELECT app_id, user_id, redirect_uri, scopes, code_challenge, expires_at, used_at, token_id
            FROM oauth_codes WHERE code_hash = $1 FOR UPDATE
            """, connection, transaction))
        {
            select.Parameters.Add(new() { Value = codeHash });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            code = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new RedeemedCode(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    reader.GetString(2),
                    [.. reader.GetFieldValue<string[]>(3)],
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetInt64(7))
                : null;
        }

        if (code is null)
        {
            throw new FlattrException(OAuthErrors.InvalidGrant, "The authorization code is not valid.");
        }

        if (code.UsedAt is not null)
        {
            if (code.TokenId is { } replayedToken)
            {
                await using var revoke = new NpgsqlCommand(
                    "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", connection, transaction);
                revoke.Parameters.Add(new() { Value = replayedToken });
                revoke.Parameters.Add(new() { Value = now });
                await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            throw new FlattrException(OAuthErrors.InvalidGrant, "The authorization code was already used; the token it gave is revoked.");
        }

        long? tokenId = null;
        AccessTokenInfo? token = null;
        var refusal = check(code);
        if (refusal is null)
        {
            var (name, tokenHash) = newToken(code);
            await using var insert = new NpgsqlCommand(
                """
                WITH k AS (
                    INSERT INTO api_tokens (user_id, token_hash, kind, name, app_id, scopes, created_at)
                    VALUES ($1, $2, 'oauth', $3, $4, $5, $6)
                    RETURNING *)
                SELECT k.id, k.user_id, k.kind, k.name, k.scopes, k.app_id, a.name, k.created_at, k.last_used_at, k.revoked_at
                FROM k LEFT JOIN oauth_apps a ON a.id = k.app_id
                """, connection, transaction);
            insert.Parameters.Add(new() { Value = code.UserId });
            insert.Parameters.Add(new() { Value = tokenHash });
            insert.Parameters.Add(new() { Value = name });
            insert.Parameters.Add(new() { Value = code.AppId });
            insert.Parameters.Add(new() { Value = code.Scopes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = now });
            token = (await AccessTokenStore.ReadAllAsync(insert, cancellationToken).ConfigureAwait(false)).Single();
            tokenId = token.Id;
        }

        await using (var use = new NpgsqlCommand("UPDATE oauth_codes SET used_at = $2, token_id = $3 WHERE code_hash = $1", connection, transaction))
        {
            use.Parameters.Add(new() { Value = codeHash });
            use.Parameters.Add(new() { Value = now });
            use.Parameters.Add(new() { Value = (object?)tokenId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            await use.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return token ?? throw new FlattrException(refusal!, "The authorization code is not valid for this request.");
    }

    /// <summary>Removes codes that expired more than a day ago (used ones are kept that long to detect replays).</summary>
    public async Task<int> SweepCodesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM oauth_codes WHERE expires_at < $1");
        command.Parameters.Add(new() { Value = now - TimeSpan.FromDays(1) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    static async Task<ImmutableArray<OAuthAppInfo>> ReadAppsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var apps = ImmutableArray.CreateBuilder<OAuthAppInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            apps.Add(ReadApp(reader));
        }

        return apps.ToImmutable();
    }

    static OAuthAppInfo ReadApp(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetBoolean(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetBoolean(8));
}
