using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Testing;
using Npgsql;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// The app's database connections cut again and again (pg_terminate_backend on its database, several times a second for ten
/// seconds) while demo mode clicks away in the background: no background service stops the host. The process is still
/// running and healthy afterwards, and the demo goes on clicking once the connections are left alone.
/// </summary>
public sealed class ConnectionLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    FlattrDatabase _database = null!;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("connloss");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task With_demo_mode_on_the_process_outlives_ten_seconds_of_its_database_connections_being_terminated()
    {
        await using var app = new AppProcess(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Flattr:Demo:Enabled"] = "true",
            ["Flattr:Demo:ClickInterval"] = "00:00:00.100",
        });
        await app.StartAsync(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(async () => await ClicksAsync() > 0, "the demo clicks", TimeSpan.FromSeconds(90));

        // One connection of the test's own, never pooled, does the cutting (it spares itself).
        var terminated = 0L;
        await using (var cutter = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false"))
        {
            await cutter.OpenAsync();
            var until = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < until)
            {
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity " +
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()", cutter);
                terminated += (long)(await command.ExecuteScalarAsync())!;
                Tally.Fault();
                await Task.Delay(200);
            }
        }

        _database.DataSource.Clear(); // the test's own pooled connections were cut too
        output.WriteLine($"{terminated} backends terminated in 10 s");
        Assert.True(terminated > 0, "no backend was terminated");
        Assert.True(app.ProcessId is not null, "the app exited:" + Environment.NewLine + app.RecentOutput);

        // Still healthy: it answers, a page that reads the database renders, and the demo clicks again.
        var before = await ClicksAsync();
        using var visitor = new WebSession(app.BaseUri);
        await Eventually.TrueAsync(async () =>
        {
            using var health = await visitor.Http.GetAsync("/health");
            using var signIn = await visitor.Http.GetAsync("/signin");
            return health.StatusCode == HttpStatusCode.OK && signIn.StatusCode == HttpStatusCode.OK;
        }, "the app answers /health and /signin", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => await ClicksAsync() > before, "the demo clicks again", TimeSpan.FromSeconds(90));
        Assert.True(app.ProcessId is not null, "the app exited:" + Environment.NewLine + app.RecentOutput);
        Tally.Check(3);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }

    Task<long> ClicksAsync() => _database.ScalarAsync("SELECT count(*) FROM clicks");
}
