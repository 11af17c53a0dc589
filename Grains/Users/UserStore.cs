using Npgsql;

namespace Flattr.Users;

/// <summary>The <c>users</c> table. The unique indexes are the truth about taken usernames and e-mail addresses.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    const string Columns = "id, username, email, display_name, language, email_verified_at IS NOT NULL, anonymous_by_default, created_at";

    /// <summary>Inserts the user; a taken username or e-mail address is a <see cref="FlattrErrors.Conflict"/>.</summary>
    public async Task<UserProfile> InsertAsync(SignUp signUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signUp);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO users (username, email, display_name, language, password_hash, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = signUp.Username });
        command.Parameters.Add(new() { Value = signUp.Email });
        command.Parameters.Add(new() { Value = signUp.DisplayName });
        command.Parameters.Add(new() { Value = signUp.Language });
        command.Parameters.Add(new() { Value = (object?)signUp.PasswordHash ?? DBNull.Value });
        // The application's clock, not the database's: statements exist from the month the account was opened.
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        try
        {
            return (await ReadOneAsync(command, cancellationToken).ConfigureAwait(false))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FlattrException(
                FlattrErrors.Conflict,
                e.ConstraintName == "users_email_key" ? "That e-mail address is already registered." : $"The username '{signUp.Username}' is taken.",
                e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The account data is not valid: " + e.ConstraintName, e);
        }
    }

    public async Task<UserProfile?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE id = $1");
        command.Parameters.Add(new() { Value = userId });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UserCredentials?> GetCredentialsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, username, password_hash FROM users WHERE id = $1");
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new UserCredentials(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    public async Task<UserProfile?> UpdateProfileAsync(long userId, string displayName, string language, bool anonymousByDefault, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE users SET display_name = $2, language = $3, anonymous_by_default = $4 WHERE id = $1 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = displayName });
        command.Parameters.Add(new() { Value = language });
        command.Parameters.Add(new() { Value = anonymousByDefault });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET password_hash = $2 WHERE id = $1");
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = passwordHash });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<UserProfile?> MarkEmailVerifiedAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = userId });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<long?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindAsync("SELECT id FROM users WHERE username = $1", username.ToLowerInvariant(), cancellationToken);

    public Task<long?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync("SELECT id FROM users WHERE lower(email) = lower($1)", email, cancellationToken);

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM users");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    async Task<long?> FindAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = value });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    static async Task<UserProfile?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new UserProfile(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetBoolean(5),
            reader.GetBoolean(6),
            reader.GetFieldValue<DateTimeOffset>(7));
    }
}
