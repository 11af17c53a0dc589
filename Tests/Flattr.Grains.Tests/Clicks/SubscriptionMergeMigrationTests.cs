using System.Globalization;
using Flattr.Hosting;
using Flattr.Testing.Database;
using Npgsql;

namespace Flattr.Grains.Tests.Clicks;

/// <summary>
/// Schema 0107 on a database written by the old toggle (a pause cancelled the row, a resume inserted another): the duplicates
/// are merged into one row per giver and thing, the row kept is the running one (else the newest), and the clicks the merged
/// rows still owed an open month are written first, once.
/// </summary>
public sealed class SubscriptionMergeMigrationTests : IAsyncLifetime
{
    TestDatabase _database = null!;

    NpgsqlDataSource DataSource => _database.DataSource;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(nameof(SubscriptionMergeMigrationTests));
        foreach (var script in FlattrScripts().Where(s => s.Version < 107))
        {
            await RunScriptAsync(script.Sql);
        }
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Duplicate_subscriptions_merge_into_the_running_or_newest_row_after_writing_the_clicks_they_owed()
    {
        // The migration reads the real clock ("now"), as it does at a silo's start.
        var current = Month.Of(DateTimeOffset.UtcNow);
        var previous = current.Previous();
        var giver = await ScalarAsync("INSERT INTO users (username, email, display_name) VALUES ('giver', 'giver@example.org', 'Giver') RETURNING id");
        var creator = await ScalarAsync("INSERT INTO users (username, email, display_name) VALUES ('creator', 'creator@example.org', 'Creator') RETURNING id");
        var resumed = await ThingAsync(creator, "resumed");
        var deleted = await ThingAsync(creator, "deleted");
        await ExecuteAsync("INSERT INTO months (month) VALUES ($1), ($2)", previous.FirstDay, current.FirstDay);
        var midPrevious = previous.Start + TimeSpan.FromDays(10);
        var midCurrent = DateTimeOffset.UtcNow;

        // Paused last month (the old toggle cancelled it), resumed this month (a second row); last month's click was never written.
        var oldRow = await SubscriptionAsync(giver, resumed, previous, previous.Start + TimeSpan.FromHours(1), cancelledAt: midPrevious);
        var runningRow = await SubscriptionAsync(giver, resumed, current, midCurrent, cancelledAt: null);
        // Paused last month, resumed and deleted this month: both rows read "paused" in the old listing.
        await SubscriptionAsync(giver, deleted, previous, previous.Start + TimeSpan.FromHours(2), cancelledAt: midPrevious);
        var newestRow = await SubscriptionAsync(giver, deleted, current, midCurrent, cancelledAt: midCurrent);
        await ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month, source, created_at) VALUES ($1, $2, $3, 'subscription', $4), ($1, $5, $3, 'subscription', $4)",
            giver, resumed, current.FirstDay, midCurrent, deleted);
        await ExecuteAsync("INSERT INTO thing_month_counts (thing_id, month, clicks, version) VALUES ($1, $3, 1, 1), ($2, $3, 1, 1)",
            resumed, deleted, current.FirstDay);

        await RunScriptAsync(FlattrScripts().Single(s => s.Version == 107).Sql);

        Assert.Equal(runningRow, await ScalarAsync("SELECT id FROM subscriptions WHERE giver_id = $1 AND thing_id = $2", giver, resumed));
        Assert.Equal(newestRow, await ScalarAsync("SELECT id FROM subscriptions WHERE giver_id = $1 AND thing_id = $2", giver, deleted));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM subscriptions WHERE id = $1", oldRow));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM subscriptions WHERE id = $1 AND cancelled_at IS NULL AND started_at = created_at", runningRow));
        foreach (var thing in new[] { resumed, deleted })
        {
            foreach (var month in new[] { previous, current })
            {
                Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2 AND month = $3", giver, thing, month.FirstDay));
                Assert.Equal(1, await ScalarAsync("SELECT clicks FROM thing_month_counts WHERE thing_id = $1 AND month = $2", thing, month.FirstDay));
            }
        }

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            SubscriptionAsync(giver, resumed, current, DateTimeOffset.UtcNow, cancelledAt: null));
        Assert.Equal("subscriptions_one_per_giver_and_thing", duplicate.ConstraintName);
    }

    static IEnumerable<(int Version, string Sql)> FlattrScripts() =>
        FlattrSchema.Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(FlattrSchema.ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[FlattrSchema.ResourcePrefix.Length..][..4], CultureInfo.InvariantCulture), Name: n))
            .OrderBy(s => s.Version)
            .Select(s =>
            {
                using var stream = FlattrSchema.Assembly.GetManifestResourceStream(s.Name)!;
                using var reader = new StreamReader(stream);
                return (s.Version, reader.ReadToEnd());
            });

    /// <summary>One script in one transaction, as the migration runner applies it.</summary>
    async Task RunScriptAsync(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    async Task<long> ThingAsync(long owner, string path) =>
        await ScalarAsync("INSERT INTO things (owner_id, url, title, category, language) VALUES ($1, $2, 'A thing worth flattring', 'text', 'en_GB') RETURNING id",
            owner, "https://example.org/" + path);

    async Task<long> SubscriptionAsync(long giver, long thing, Month start, DateTimeOffset createdAt, DateTimeOffset? cancelledAt) =>
        await ScalarAsync("INSERT INTO subscriptions (giver_id, thing_id, start_month, created_at, cancelled_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            giver, thing, start.FirstDay, createdAt, (object?)cancelledAt ?? DBNull.Value);

    async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
