using Flattr.Silo.Hosting;
using Flattr.Settlement;
using Flattr.Silo.Tests.Support;
using Flattr.Testing.Database;
using Npgsql;
using Orleans.Runtime;

namespace Flattr.Silo.Tests.Providers;

/// <summary>
/// Orleans reminders in PostgreSQL (the ADO.NET reminder service, our OrleansRemindersTable and statements) with the real
/// headless silo process: Flattr's month-end reminder, registered through a cluster client, ticks after the silo is killed
/// with SIGKILL and started again, and its tick does its work (it settles an ended month).
/// </summary>
public sealed class ReminderSurvivesSiloKillTests
{
    static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_month_end_reminder_registered_before_a_SIGKILL_ticks_after_the_restart_and_settles_the_ended_month()
    {
        await using var database = await TestDatabase.CreateAsync("reminder_kill");
        var cluster = new ClusterSettings(database.ConnectionString, "reminders");
        var ports = FreePorts.Take(2);

        // The shortest period Orleans allows; no month-end reminder is registered at start, only the test registers it.
        await using var silo = FlattrProcess.Silo(cluster.For(ports[0], ports[1], ("Flattr:Settlement:MonthEndCheckPeriod", "00:01:00")));
        silo.Start();
        await silo.WaitUntilAsync(() => Membership.IsActiveAsync(database.DataSource, cluster.ClusterId, ports[0]), "the silo is Active", s_startTimeout);
        long user;
        await using (var client = await ClusterClient.ConnectAsync(cluster))
        {
            await client.Grains.GetMonthEnd().Ensure();
            user = await client.CreateUserAsync("budgeted");
        }

        Assert.Equal((60_000L, 0), await ReminderAsync(database.DataSource, cluster));

        await silo.KillAsync();

        // Only now does an ended month need settling (a budget in force last month): no tick before the kill could settle it.
        var ended = Month.Current(TimeProvider.System).Previous();
        await ExecuteAsync(database.DataSource, "INSERT INTO budgets (user_id, effective_month, amount_cents) VALUES ($1, $2, 500)", user, ended.FirstDay);
        Assert.Null(await StatusAsync(database.DataSource, ended));

        silo.Start();
        await silo.WaitUntilAsync(() => Membership.IsActiveAsync(database.DataSource, cluster.ClusterId, ports[0]), "the restarted silo is Active", s_startTimeout);
        await silo.WaitUntilAsync(
            async () => (await Membership.RowsAsync(database.DataSource, cluster.ClusterId)) is [{ Status: SiloStatus.Dead }, { Status: SiloStatus.Active }],
            "the killed incarnation is Dead, superseded by the new one on its endpoint",
            s_startTimeout);
        await silo.WaitUntilAsync(
            async () => await StatusAsync(database.DataSource, ended) == "settled",
            $"the month-end reminder ticked in the restarted silo and settled {ended}",
            TimeSpan.FromMinutes(3));

        // The row written before the kill, never registered again (an upsert would have moved its version).
        Assert.Equal((60_000L, 0), await ReminderAsync(database.DataSource, cluster));
    }

    /// <summary>The month-end reminder's period (ms) and version (its ETag, moved on by every registration).</summary>
    static async Task<(long Period, int Version)> ReminderAsync(NpgsqlDataSource database, ClusterSettings cluster)
    {
        await using var command = Command(database,
            "SELECT period, version FROM orleansreminderstable WHERE serviceid = $1 AND remindername = $2", [cluster.ServiceId, MonthEndGrain.ReminderName]);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the month-end reminder has a row");
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    static async Task<string?> StatusAsync(NpgsqlDataSource database, Month month) =>
        await ScalarAsync(database, "SELECT status FROM months WHERE month = $1", month.FirstDay);

    static async Task<string?> ScalarAsync(NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        return await command.ExecuteScalarAsync() as string;
    }

    static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    static NpgsqlCommand Command(NpgsqlDataSource database, string sql, object[] parameters)
    {
        var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return command;
    }
}
