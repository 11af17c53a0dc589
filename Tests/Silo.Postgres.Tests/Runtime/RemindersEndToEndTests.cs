using Silo.Testing.Hosting;

namespace Silo.Postgres.Tests.Runtime;

/// <summary>Durable reminders through the real runtime, PostgreSQL and a manual clock.</summary>
public sealed class RemindersEndToEndTests
{
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Reminder_fires_on_the_manual_clock_and_activates_the_grain()
    {
        await using var silo = await StartAsync();
        var ticker = silo.GrainFactory.GetGrain<ITickerGrain>("fires");
        await ticker.Start(Minute, Minute);
        await silo.Diagnostics.DeactivateAsync(ticker);

        silo.Time.Advance(Minute);

        await Eventually.TrueAsync(async () => await TicksAsync(silo, "fires") == 1, "the first tick is written");
    }

    [Theory]
    [InlineData(SiloStopMode.Graceful)]
    [InlineData(SiloStopMode.Abrupt)]
    public async Task Reminder_registered_before_a_restart_fires_after_it(SiloStopMode mode)
    {
        await using var silo = await StartAsync();
        await silo.GrainFactory.GetGrain<ITickerGrain>("restart").Start(Minute, Minute);

        await silo.RestartAsync(mode);
        silo.Time.Advance(Minute);

        await Eventually.TrueAsync(async () => await TicksAsync(silo, "restart") == 1, "the tick after the restart is written");
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ITickerGrain>("restart").GetTicks());
    }

    [Fact]
    public async Task Reminder_ticks_do_not_fire_before_they_are_due()
    {
        await using var silo = await StartAsync();
        await silo.GrainFactory.GetGrain<ITickerGrain>("early").Start(Minute, Minute);

        silo.Time.Advance(Minute - TimeSpan.FromSeconds(1));
        await Task.Delay(200);

        Assert.Equal(0, await TicksAsync(silo, "early"));
    }

    [Fact]
    public async Task Reminder_row_is_stored_with_its_start_and_period()
    {
        await using var silo = await StartAsync();

        await silo.GrainFactory.GetGrain<ITickerGrain>("row").Start(Minute, TimeSpan.FromMinutes(5));

        await using var command = silo.DataSource.CreateCommand(
            "SELECT start_at, period_ms FROM reminders WHERE service_id = 'test' AND grain_type = 'Ticker' AND grain_key = 's:row' AND reminder_name = 'tick'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(silo.Time.GetUtcNow() + Minute, reader.GetFieldValue<DateTimeOffset>(0));
        Assert.Equal(300_000L, reader.GetInt64(1));
    }

    static Task<TestSilo> StartAsync() => TestSilo.StartAsync(s =>
    {
        s.DatabaseLabel = nameof(RemindersEndToEndTests);
        s.AddGrainAssemblyOf<TickerGrain>();
    });

    /// <summary>Reads the stored tick count without touching the grain, so the check itself activates nothing.</summary>
    static async Task<int> TicksAsync(TestSilo silo, string key)
    {
        await using var command = silo.DataSource.CreateCommand(
            "SELECT (payload->>'ticks')::int FROM grain_state WHERE grain_type = 'Ticker' AND grain_key = $1 AND state_name = 'ticks'");
        command.Parameters.Add(new() { Value = "s:" + key });
        return await command.ExecuteScalarAsync() is int ticks ? ticks : 0;
    }
}
