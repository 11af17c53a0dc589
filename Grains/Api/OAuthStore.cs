using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Api;

/// <summary>The <c>oauth_apps</c> table: the applications users register (OpenIddict reads them through the <c>oauth_clients</c> view).</summary>
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

    /// <summary>
    /// Marks the owner's application deleted (it leaves OpenIddict's <c>oauth_clients</c> view) and revokes everything granted
    /// to it (OpenIddict's authorizations and tokens, and OAuth tokens issued before OpenIddict), in one transaction.
    /// </summary>
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
            """
            WITH z AS (
                UPDATE oauth_authorizations SET status = 'revoked', concurrency_token = gen_random_uuid()::text
                WHERE application_id = $1::text AND status = 'valid'),
            t AS (
                UPDATE oauth_tokens SET status = 'revoked', concurrency_token = gen_random_uuid()::text
                WHERE application_id = $1::text AND status IN ('valid', 'inactive'))
            UPDATE api_tokens SET revoked_at = $2 WHERE app_id = $1 AND revoked_at IS NULL
            """, connection, transaction);
        revoke.Parameters.Add(new() { Value = appId });
        revoke.Parameters.Add(new() { Value = now });
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
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
