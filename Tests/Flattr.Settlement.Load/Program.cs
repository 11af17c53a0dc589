// Settles one month of 100,000 givers x 10 clicks on a scratch database, once, and reports seconds and ledger
// rows/s next to a binary COPY of the same number of rows (same rows per commit) into an unindexed scratch table.
//   dotnet run -c Release --project Tests/Flattr.Settlement.Load [-- givers clicksPerGiver giversPerBatch]
// giversPerBatch defaults to the engine's own default (SettlementOptions), so the figure is the production setting's.
// The server is FLATTR_TEST_POSTGRES, else Host=127.0.0.1;Port=5432;Username=postgres. The database is dropped after.
using System.Diagnostics;
using Flattr;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Flattr.Settlement.Load;
using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

var givers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var clicksPerGiver = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
const int Things = 20_000;
var giversPerBatch = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : new SettlementOptions().GiversPerBatch;
var month = new Month(2026, 3);
var server = Environment.GetEnvironmentVariable("FLATTR_TEST_POSTGRES") is { Length: > 0 } configured
    ? configured
    : "Host=127.0.0.1;Port=5432;Username=postgres";
var name = "flattr_settlement_load_" + Guid.NewGuid().ToString("N")[..12];

await AdminAsync($"CREATE DATABASE \"{name}\"");
try
{
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString);
    await MigrationRunner.ApplyAsync(dataSource, [SchemaModules.Flattr], CancellationToken.None);

    var clock = Stopwatch.StartNew();
    await LoadSeed.SeedAsync(dataSource, month, givers, clicksPerGiver, Things);
    Console.WriteLine($"seeded {givers:N0} givers, {await CountAsync(dataSource, "clicks"):N0} clicks, {Things:N0} things in {clock.Elapsed.TotalSeconds:N1} s");

    var rowsBefore = await CountAsync(dataSource, "ledger_entries") + await CountAsync(dataSource, "ledger_transactions");
    var settleAt = new FixedClock(month.End.AddHours(1));
    var engine = new SettlementEngine(dataSource, settleAt, Options.Create(new MoneyRules()),
        Options.Create(new SettlementOptions { GiversPerBatch = giversPerBatch }), NullLogger<SettlementEngine>.Instance);
    clock.Restart();
    var done = await engine.RunAsync(month);
    var settleSeconds = clock.Elapsed.TotalSeconds;
    var entries = await CountAsync(dataSource, "ledger_entries");
    var rowsWritten = entries + await CountAsync(dataSource, "ledger_transactions") - rowsBefore;
    var entriesWritten = entries - 3L * givers;
    Console.WriteLine($"settled {done.GiversDone:N0} givers, {done.Clicks:N0} clicks, {done.SettledSpendCents / 100m:N2} EUR in {settleSeconds:N1} s: " +
                      $"{rowsWritten:N0} ledger rows ({entriesWritten:N0} entries), {rowsWritten / settleSeconds:N0} rows/s");

    var rowsPerCommit = (int)Math.Ceiling((double)entriesWritten / Math.Ceiling((double)givers / giversPerBatch));
    clock.Restart();
    await CopyAsync(dataSource, entriesWritten, rowsPerCommit);
    var copySeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"binary COPY of {entriesWritten:N0} rows ({rowsPerCommit:N0} per commit) into an unindexed scratch table: " +
                      $"{copySeconds:N1} s, {entriesWritten / copySeconds:N0} rows/s");

    var ledger = new LedgerStore(dataSource, settleAt, Options.Create(new MoneyRules()));
    Console.WriteLine(await ledger.AuditAsync());
}
finally
{
    await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
}

async Task AdminAsync(string sql)
{
    var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
    builder.Database ??= "postgres";
    await using var connection = new NpgsqlConnection(builder.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<long> CountAsync(NpgsqlDataSource dataSource, string table)
{
    await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task CopyAsync(NpgsqlDataSource dataSource, long rows, int rowsPerCommit)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using (var create = new NpgsqlCommand(
        "CREATE TABLE copy_scratch (transaction_id bigint NOT NULL, account_id bigint NOT NULL, amount_cents bigint NOT NULL, thing_id bigint)", connection))
    {
        await create.ExecuteNonQueryAsync();
    }

    for (long written = 0; written < rows; written += rowsPerCommit)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY copy_scratch (transaction_id, account_id, amount_cents, thing_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = written; i < Math.Min(rows, written + rowsPerCommit); i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync(i / 11, NpgsqlDbType.Bigint);
                await import.WriteAsync(i % 120_000, NpgsqlDbType.Bigint);
                await import.WriteAsync(i % 11 == 0 ? -500L : 50L, NpgsqlDbType.Bigint);
                if (i % 11 == 0)
                {
                    await import.WriteNullAsync();
                }
                else
                {
                    await import.WriteAsync(i % 20_000, NpgsqlDbType.Bigint);
                }
            }

            await import.CompleteAsync();
        }

        await transaction.CommitAsync();
    }
}
