using System.Diagnostics;
using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Npgsql;
using Xunit.Abstractions;

namespace Flattr.Grains.Tests.Clicks;

/// <summary>
/// Measures durable clicks/s through the group-commit writer against one commit per click (the same
/// validating statement, one row per transaction), with the same concurrent callers in the same run.
/// It prints the figures and asserts only correctness: timings on a shared 2-core box are not assertions.
/// </summary>
public sealed class ClickThroughputMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    const int Callers = 64;
    const int ClicksPerMode = 4_000;
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Group_commit_and_one_commit_per_click_both_record_every_click_and_their_rates_are_reported()
    {
        var givers = await _h.AddFundedGiversAsync(ClicksPerMode / 4);
        var groupThings = await _h.AddThingsAsync(4);
        var singleThings = await _h.AddThingsAsync(4);
        await _h.Clicks.AddAsync(new ClickWrite(givers[0], groupThings[0], Month)); // warm up
        await InsertOneCommitAsync(givers[0], singleThings[0]);

        var grouped = await MeasureAsync(givers, groupThings, (g, t) => _h.Clicks.AddAsync(new ClickWrite(g, t, Month)).ContinueWith(
            r => r.Result.Status == ClickWriteStatus.Added, TaskScheduler.Default));
        var single = await MeasureAsync(givers, singleThings, InsertOneCommitAsync);

        output.WriteLine($"durable clicks, {Callers} concurrent callers, {ClicksPerMode} clicks each mode:");
        output.WriteLine($"  group commit (<= {ClickStore.MaxBatchSize}/batch): {grouped.Rate,8:N0} clicks/s ({grouped.Elapsed.TotalMilliseconds:N0} ms)");
        output.WriteLine($"  one commit per click:          {single.Rate,8:N0} clicks/s ({single.Elapsed.TotalMilliseconds:N0} ms)");
        output.WriteLine($"  ratio: {grouped.Rate / single.Rate:N1}x");
        Assert.Equal(ClicksPerMode - 1, grouped.Added);
        Assert.Equal(ClicksPerMode - 1, single.Added);
        Assert.Equal(2L * ClicksPerMode, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM clicks"));
    }

    async Task<(double Rate, TimeSpan Elapsed, int Added)> MeasureAsync(long[] givers, long[] things, Func<long, long, Task<bool>> click)
    {
        var work = (from g in givers from t in things select (g, t)).ToArray();
        var next = -1;
        var added = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Length)
            {
                if (await click(work[i].g, work[i].t))
                {
                    Interlocked.Increment(ref added);
                }
            }
        })));
        clock.Stop();
        return (work.Length / clock.Elapsed.TotalSeconds, clock.Elapsed, added);
    }

    async Task<bool> InsertOneCommitAsync(long giver, long thing)
    {
        await using var connection = await _h.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(ClickSql.Add, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [giver] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [thing] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [Month.FirstDay] });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [false] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ["click"] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _h.Clock.GetUtcNow() });
        await command.PrepareAsync();
        string verdict;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            verdict = reader.GetString(1);
        }

        await transaction.CommitAsync();
        return verdict == "added";
    }
}
