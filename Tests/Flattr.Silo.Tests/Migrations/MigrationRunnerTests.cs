using Npgsql;
using Flattr.Silo.Database.Migrations;
using Flattr.Testing.Database;

namespace Flattr.Silo.Tests.Migrations;

/// <summary>The versioned migration runner on real, fresh databases (one per test).</summary>
public sealed class MigrationRunnerTests : IAsyncLifetime
{
    TestDatabase _database = null!;

    NpgsqlDataSource DataSource => _database.DataSource;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(nameof(MigrationRunnerTests));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Scripts_apply_in_version_order_and_are_recorded_with_checksums()
    {
        var applied = await MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets], CancellationToken.None);

        Assert.Equal([1, 2, 3], applied.Select(a => a.Version));
        Assert.Equal(["create_widgets", "add_colour", "seed_widgets"], applied.Select(a => a.Name));
        Assert.Equal("sprocket (red)", await ScalarAsync<string>("SELECT widget_label(w) FROM widgets w WHERE id = 1"));
        var recorded = await RecordedAsync();
        Assert.Equal(["widgets 1 create_widgets", "widgets 2 add_colour", "widgets 3 seed_widgets"], recorded.Select(r => r.Key));
        Assert.All(recorded, r => Assert.Equal(64, r.Checksum.Length));
        Assert.Equal(applied.Select(a => a.Checksum), recorded.Select(r => r.Checksum));
    }

    [Fact]
    public async Task Running_the_migrations_again_applies_nothing()
    {
        await MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets], CancellationToken.None);

        var second = await MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets], CancellationToken.None);

        Assert.Empty(second);
        Assert.Equal(3, (await RecordedAsync()).Count);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM widgets"));
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_script_exactly_once()
    {
        // Separate data sources: separate sessions, as separate processes would have.
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(_database.ConnectionString)).ToList();
        try
        {
            var runs = await Task.WhenAll(sources.Select(source =>
                Task.Run(() => MigrationRunner.ApplyAsync(source, [TestModules.Widgets], CancellationToken.None))));

            Assert.Equal(3, runs.Sum(r => r.Count));
            Assert.Single(runs, r => r.Count == 3);
            Assert.Equal(3, (await RecordedAsync()).Count);
            Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM widgets"));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Changed_script_of_an_applied_migration_is_rejected()
    {
        await MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets], CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationException>(
            () => MigrationRunner.ApplyAsync(DataSource, [TestModules.EditedWidgets], CancellationToken.None));

        Assert.Contains("0003_seed_widgets was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Equal("red", await ScalarAsync<string>("SELECT colour FROM widgets WHERE id = 1"));
    }

    [Fact]
    public async Task Database_ahead_of_the_code_is_rejected()
    {
        await MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets], CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationException>(
            () => MigrationRunner.ApplyAsync(DataSource, [TestModules.OlderWidgets], CancellationToken.None));

        Assert.Contains("ahead of the code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_script_is_rolled_back_whole_and_earlier_scripts_stay_applied()
    {
        var error = await Assert.ThrowsAsync<MigrationException>(
            () => MigrationRunner.ApplyAsync(DataSource, [TestModules.Failing], CancellationToken.None));

        Assert.Contains("0002_half_done failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(["failing 1 create_gadgets"], (await RecordedAsync()).Select(r => r.Key));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'gadgets'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'gadget_parts'"));
    }

    [Fact]
    public async Task Badly_named_script_fails_before_the_database_is_touched()
    {
        var error = await Assert.ThrowsAsync<MigrationException>(
            () => MigrationRunner.ApplyAsync(DataSource, [TestModules.Widgets, TestModules.BadName], CancellationToken.None));

        Assert.Contains("create_things.sql", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename IN ('schema_migrations', 'widgets')"));
    }

    [Fact]
    public async Task Module_with_no_script_under_its_prefix_is_rejected()
    {
        var empty = new MigrationModule("empty", typeof(TestModules).Assembly, "No.Such.Prefix.");

        var error = await Assert.ThrowsAsync<MigrationException>(
            () => MigrationRunner.ApplyAsync(DataSource, [empty], CancellationToken.None));

        Assert.Contains("has no script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_command_prints_what_it_applied_and_exits_zero_then_reports_up_to_date()
    {
        var first = new StringWriter();
        var second = new StringWriter();

        var firstExit = await MigrationCommand.RunAsync(_database.ConnectionString, [TestModules.Widgets], first, CancellationToken.None);
        var secondExit = await MigrationCommand.RunAsync(_database.ConnectionString, [TestModules.Widgets], second, CancellationToken.None);

        Assert.Equal(0, firstExit);
        Assert.Contains("applied widgets 0002_add_colour", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, secondExit);
        Assert.Contains("database is up to date", second.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_command_exits_one_with_the_reason_when_a_script_fails()
    {
        var output = new StringWriter();

        var exit = await MigrationCommand.RunAsync(_database.ConnectionString, [TestModules.Failing], output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("migration failed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_ignores_line_ending_style()
    {
        Assert.Equal(MigrationScript.ChecksumOf("SELECT 1;\nSELECT 2;\n"), MigrationScript.ChecksumOf("SELECT 1;\r\nSELECT 2;\r\n"));
        Assert.NotEqual(MigrationScript.ChecksumOf("SELECT 1;"), MigrationScript.ChecksumOf("SELECT 2;"));
    }

    async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    async Task<List<(string Key, string Checksum)>> RecordedAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT module, version, name, checksum FROM schema_migrations ORDER BY module, version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add(($"{reader.GetString(0)} {reader.GetInt32(1)} {reader.GetString(2)}", reader.GetString(3)));
        }

        return rows;
    }
}
