using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Npgsql;

namespace Flattr.Grains.Tests.Settlement;

/// <summary>
/// A run stopped part-way (an exception between batches, the database connection killed inside a batch) and
/// then resumed yields exactly the ledger of an uninterrupted run on an identical copy of the database.
/// </summary>
public sealed class SettlementCrashTests : IAsyncLifetime
{
    const int GiversPerBatch = 3;
    static readonly Month Month = StoreHarness.Month;
    LedgerDatabase _crashed = null!;
    LedgerDatabase _clean = null!;
    DateTimeOffset _settleAt;

    public async Task InitializeAsync()
    {
        await using (var seeding = await StoreHarness.CreateAsync())
        {
            var things = await seeding.AddThingsAsync(7);
            for (var i = 0; i < 14; i++)
            {
                var giver = await seeding.AddGiverAsync(budgetCents: 200 + 173 * i, depositCents: 800 + 311 * i);
                // Some givers click nothing (charity), the others between one and seven things.
                foreach (var thing in things.Where((_, t) => (i * 3 + t * 5) % 7 < i % 5))
                {
                    await seeding.Clicks.AddAsync(new ClickWrite(giver, thing, Month));
                }
            }

            seeding.EndMonth();
            _settleAt = seeding.Clock.GetUtcNow();
            await seeding.Clicks.StopAsync();
            _crashed = await seeding.Database.CloneAsync();
            _clean = await seeding.Database.CloneAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _crashed.DisposeAsync();
        await _clean.DisposeAsync();
    }

    [Fact]
    public async Task Exceptions_between_batches_at_several_points_then_resuming_give_the_identical_ledger()
    {
        var expected = await SettleUninterruptedAsync();
        await using var h = StoreHarness.Over(_crashed, _settleAt, giversPerBatch: GiversPerBatch);
        var committed = 0;
        var crashAfter = new HashSet<int> { 1, 3, 5 }; // 14 givers in batches of 3: the 5th batch is the last
        h.Settlement.BetweenBatches = (_, _) =>
        {
            committed++;
            return crashAfter.Remove(committed) ? throw new InvalidOperationException($"crash after batch {committed}") : Task.CompletedTask;
        };

        var crashes = 0;
        while (true)
        {
            try
            {
                await h.Settlement.RunAsync(Month);
                break;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("crash", StringComparison.Ordinal))
            {
                crashes++;
                Assert.Equal(SettlementStatus.Running, (await h.Settlement.GetProgressAsync(Month)).Status);
            }
        }

        Assert.Equal(3, crashes);
        Assert.Equal(expected, await LedgerSnapshot.TakeAsync(_crashed));
        await h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_connection_killed_mid_batch_then_resuming_gives_the_identical_ledger()
    {
        var expected = await SettleUninterruptedAsync();
        await using var h = StoreHarness.Over(_crashed, _settleAt, giversPerBatch: GiversPerBatch);
        var batches = 0;
        var killed = new List<int>();
        h.Settlement.InsideBatch = async (backend, ct) =>
        {
            batches++;
            if (batches is 2 or 4)
            {
                await using var killer = await h.DataSource.OpenConnectionAsync(ct);
                await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend($1)", killer);
                kill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = backend });
                Assert.True((bool)(await kill.ExecuteScalarAsync(ct))!);
                killed.Add(backend);
            }
        };

        var failures = 0;
        while (true)
        {
            try
            {
                await h.Settlement.RunAsync(Month);
                break;
            }
            catch (NpgsqlException)
            {
                failures++;
            }
        }

        Assert.Equal(2, failures);
        Assert.Equal(2, killed.Count);
        Assert.Equal(expected, await LedgerSnapshot.TakeAsync(_crashed));
        await h.AssertAuditOkAsync();
    }

    async Task<LedgerSnapshot> SettleUninterruptedAsync()
    {
        await using var h = StoreHarness.Over(_clean, _settleAt, giversPerBatch: GiversPerBatch);
        var done = await h.Settlement.RunAsync(Month);
        Assert.Equal((SettlementStatus.Done, 14), (done.Status, done.GiversDone));
        var snapshot = await LedgerSnapshot.TakeAsync(_clean);
        Assert.True(snapshot.Transactions > 14, "the month moved money");
        return snapshot;
    }
}
