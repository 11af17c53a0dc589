using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Flattr.Silo.Database.Migrations;

/// <summary>
/// Applies the pending scripts of migration modules. One process at a time: the run holds a session advisory lock,
/// so two processes starting together apply each script once. Each script runs in its own transaction together with
/// its row in <c>schema_migrations</c>, so a failed script leaves no trace and is retried next time.
/// </summary>
/// <remarks>
/// Scripts run inside a transaction, so they cannot use statements that refuse one (CREATE INDEX CONCURRENTLY, VACUUM).
/// A script missing from the code but recorded in the database means the database is ahead of the code: that is an error.
/// A new script numbered below an applied one (two branches merged) is applied; order within a module is by version.
/// </remarks>
public static class MigrationRunner
{
    /// <summary>The advisory lock key: "FLTRMIGR" in ASCII, so it cannot meet the application's own advisory locks by chance.</summary>
    public const long AdvisoryLockKey = 0x464C_5452_4D49_4752;

    public static Task<IReadOnlyList<AppliedMigration>> ApplyAsync(
        NpgsqlDataSource dataSource,
        IEnumerable<IMigrationModule> modules,
        CancellationToken cancellationToken) =>
        ApplyAsync(dataSource, modules, NullLogger.Instance, cancellationToken);

    /// <returns>The scripts this call applied, in order; empty when the database was up to date.</returns>
    public static async Task<IReadOnlyList<AppliedMigration>> ApplyAsync(
        NpgsqlDataSource dataSource,
        IEnumerable<IMigrationModule> modules,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(logger);

        // Read every script before touching the database, so a badly named resource fails fast and changes nothing.
        var plan = LoadAll(modules);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
            var recorded = await ReadRecordedAsync(connection, cancellationToken).ConfigureAwait(false);
            var applied = new List<AppliedMigration>();
            foreach (var (moduleName, scripts) in plan)
            {
                var pending = Verify(moduleName, scripts, recorded.GetValueOrDefault(moduleName) ?? []);
                foreach (var script in pending)
                {
                    await ApplyOneAsync(connection, script, cancellationToken).ConfigureAwait(false);
                    MigrationLog.Applied(logger, script.Module, script.Version, script.Name);
                    applied.Add(new AppliedMigration(script.Module, script.Version, script.Name, script.Checksum));
                }
            }

            if (applied.Count == 0)
            {
                MigrationLog.UpToDate(logger, plan.Count);
            }

            return applied;
        }
        finally
        {
            // A broken connection has lost the lock already; unlocking would only hide the original error.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The scripts of <paramref name="modules"/> that the database has not recorded (module, version and name), without
    /// applying anything: empty when the schema is up to date. A database without the migrations table has every script pending.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection connection, IEnumerable<IMigrationModule> modules,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(modules);
        var plan = LoadAll(modules);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return [.. plan.SelectMany(p => p.Scripts).Select(Describe)];
            }
        }

        var recorded = await ReadRecordedAsync(connection, cancellationToken).ConfigureAwait(false);
        return [.. plan.SelectMany(p => p.Scripts.Where(s => !(recorded.GetValueOrDefault(p.Module) ?? []).Any(r => r.Version == s.Version)))
            .Select(Describe)];

        static string Describe(MigrationScript script) => $"{script.Module} {script.Version:D4}_{script.Name}";
    }

    const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module     text        NOT NULL,
            version    int         NOT NULL,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            checksum   text        NOT NULL,
            PRIMARY KEY (module, version)
        )
        """;

    static List<(string Module, IReadOnlyList<MigrationScript> Scripts)> LoadAll(IEnumerable<IMigrationModule> modules)
    {
        var plan = new List<(string, IReadOnlyList<MigrationScript>)>();
        var seen = new Dictionary<string, IMigrationModule>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (seen.TryGetValue(module.Name, out var other))
            {
                if (other.Assembly == module.Assembly && other.ResourcePrefix == module.ResourcePrefix)
                {
                    continue; // the same module registered twice
                }

                throw new MigrationException($"Two different migration modules are named '{module.Name}'.");
            }

            seen.Add(module.Name, module);
            plan.Add((module.Name, MigrationScript.Load(module)));
        }

        return plan;
    }

    static List<MigrationScript> Verify(string module, IReadOnlyList<MigrationScript> scripts, List<RecordedMigration> recorded)
    {
        var byVersion = recorded.ToDictionary(r => r.Version);
        foreach (var row in recorded)
        {
            if (!scripts.Any(s => s.Version == row.Version))
            {
                throw new MigrationException(
                    $"The database has migration {module} {row.Version:D4}_{row.Name}, which this code does not know: the database is ahead of the code.");
            }
        }

        var pending = new List<MigrationScript>();
        foreach (var script in scripts)
        {
            if (!byVersion.TryGetValue(script.Version, out var row))
            {
                pending.Add(script);
            }
            else if (!string.Equals(row.Checksum, script.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration {module} {script.Version:D4}_{script.Name} was changed after it was applied " +
                    $"(checksum {row.Checksum} in the database, {script.Checksum} in the code). Add a new script instead of editing an applied one.");
            }
        }

        return pending;
    }

    static async Task ApplyOneAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (module, version, name, applied_at, checksum) VALUES ($1, $2, $3, now(), $4)",
                connection,
                transaction))
            {
                record.Parameters.Add(new() { Value = script.Module });
                record.Parameters.Add(new() { Value = script.Version });
                record.Parameters.Add(new() { Value = script.Name });
                record.Parameters.Add(new() { Value = script.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"Migration {script.Module} {script.Version:D4}_{script.Name} failed: {e.MessageText}", e);
        }
    }

    static async Task<Dictionary<string, List<RecordedMigration>>> ReadRecordedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<string, List<RecordedMigration>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT module, version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var module = reader.GetString(0);
            if (!recorded.TryGetValue(module, out var rows))
            {
                recorded[module] = rows = [];
            }

            rows.Add(new RecordedMigration(reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
        }

        return recorded;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    sealed record RecordedMigration(int Version, string Name, string Checksum);
}
