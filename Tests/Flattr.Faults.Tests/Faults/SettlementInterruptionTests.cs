using System.Text.RegularExpressions;
using Flattr.Clicks;
using Flattr.Faults.Tests.Support;
using Flattr.Grains.Tests.Ledger;
using Flattr.Grains.Tests.Settlement;
using Npgsql;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// The operator's <c>settle</c> command (the real app, through the settlement grain) interrupted in the middle of a batch,
/// first by SIGKILL, then by cutting its database connection, then run again: the ledger equals that of an uninterrupted
/// run on an identical copy of the database. The ledger tests cover the engine alone (Tests/Flattr.Grains.Tests
/// SettlementCrashTests); this is the whole operator path, with a real process dying.
/// </summary>
/// <remarks>
/// The interruption is deterministic: the test holds a row lock on the account of the first giver of a batch, so the
/// settlement commits the batches before it and then waits inside that batch's transaction, where the test strikes.
/// </remarks>
public sealed partial class SettlementInterruptionTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string Month = "2026-03";
    const int GiversPerBatch = 5;
    static readonly Dictionary<string, string> Settings = new()
    {
        ["Flattr:Settlement:GiversPerBatch"] = GiversPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Warning",

        // Every run's silo joins the cluster of the database on free ports. The run after a SIGKILL waits until the killed
        // run's silo is voted out of the membership table: a silo is watched once it missed its I-am-alive updates, then
        // voted dead after missed probes. Orleans' defaults (30 s updates, 3 missed, 5 s probes) make that about 105 s; these
        // settings of the same mechanism (Flattr:Silo:Membership, Orleans' ClusterMembershipOptions) make it seconds.
        ["Flattr:Silo:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Flattr:Silo:Membership:NumMissedTableIAmAliveLimit"] = "2",
        ["Flattr:Silo:Membership:ProbeTimeout"] = "00:00:02",
    };

    readonly List<long> _givers = [];
    LedgerDatabase _interrupted = null!;
    LedgerDatabase _clean = null!;

    public async Task InitializeAsync()
    {
        await using var seeding = await StoreHarness.CreateAsync();
        var things = await seeding.AddThingsAsync(6);
        for (var i = 0; i < 18; i++)
        {
            var giver = await seeding.AddGiverAsync(budgetCents: 200 + 157 * i, depositCents: 800 + 263 * i);
            _givers.Add(giver);
            // Two of them click nothing (their spend goes to charity); the others one to six things.
            foreach (var thing in things.Where((_, t) => i % 9 != 4 && (i + t) % 6 <= i % 5))
            {
                await seeding.Clicks.AddAsync(new ClickWrite(giver, thing, StoreHarness.Month));
            }
        }

        await seeding.Clicks.StopAsync();
        _interrupted = await seeding.Database.CloneAsync();
        _clean = await seeding.Database.CloneAsync();
    }

    public async Task DisposeAsync()
    {
        await _interrupted.DisposeAsync();
        await _clean.DisposeAsync();
    }

    [Fact]
    public async Task An_operator_settlement_killed_and_cut_off_mid_batch_resumes_to_the_ledger_of_an_uninterrupted_run()
    {
        var (cleanExit, cleanOutput) = await OperatorProcess.RunAsync(_clean.DataSource.ConnectionString!, Settings, "settle", Month);
        Assert.True(cleanExit == 0, cleanOutput);
        var expected = Normalised(await LedgerSnapshot.TakeAsync(_clean));
        await Invariants.AssertLedgerAuditOkAsync(_clean.DataSource);

        // 1. SIGKILL while batch 2 waits inside its transaction: batch 1 stays, batch 2 is rolled back.
        await using (var hold = await HoldAccountAsync(_givers[GiversPerBatch]))
        {
            using var settle = OperatorProcess.Start(_interrupted.DataSource.ConnectionString!, Settings, "settle", Month);
            await WaitForBlockedBackendAsync(settle);
            await settle.KillAsync();
        }

        await WaitForNoOtherSessionsAsync();
        Assert.Equal(GiversPerBatch, await DoneGiversAsync());
        Tally.Check();

        // 2. The connection of the next run cut while batch 3 waits: the command fails cleanly, batch 2 is now done.
        await using (var hold = await HoldAccountAsync(_givers[2 * GiversPerBatch]))
        {
            using var settle = OperatorProcess.Start(_interrupted.DataSource.ConnectionString!, Settings, "settle", Month);
            var backend = await WaitForBlockedBackendAsync(settle);
            await TerminateAsync(backend);
            var cutExit = await settle.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(cutExit == 1, $"exit code {cutExit}:{Environment.NewLine}{settle.Output}");
            Assert.Contains("settlement FAILED", settle.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2 * GiversPerBatch, await DoneGiversAsync());
        Tally.Check();

        // 3. Run again to the end: the same ledger as the uninterrupted run, entry for entry.
        var (exit, finalOutput) = await OperatorProcess.RunAsync(_interrupted.DataSource.ConnectionString!, Settings, "settle", Month);
        Assert.True(exit == 0, finalOutput);
        Assert.Contains($"settlement of {Month} OK", finalOutput, StringComparison.Ordinal);
        var actual = Normalised(await LedgerSnapshot.TakeAsync(_interrupted));
        Assert.Equal(expected, actual);
        Tally.Check();
        output.WriteLine($"{_givers.Count} givers in batches of {GiversPerBatch}: identical ledgers of {actual.Split('\n').Length} lines");

        // And the operator's audit command agrees with the test's audit.
        var (auditExit, auditOutput) = await OperatorProcess.RunAsync(_interrupted.DataSource.ConnectionString!, Settings, "audit");
        Assert.True(auditExit == 0, auditOutput);
        Assert.Contains("ledger audit OK", auditOutput, StringComparison.Ordinal);
        await Invariants.AssertLedgerAuditOkAsync(_interrupted.DataSource);
    }

    /// <summary>Takes a row lock on a giver's account in a transaction that stays open until disposal (then rolls back).</summary>
    async Task<NpgsqlTransaction> HoldAccountAsync(long giverId)
    {
        var connection = await _interrupted.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM accounts WHERE user_id = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        Assert.NotNull(await command.ExecuteScalarAsync());
        return transaction;
    }

    /// <summary>The backend of the settlement batch waiting for the held lock.</summary>
    async Task<int> WaitForBlockedBackendAsync(OperatorProcess settle)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = _interrupted.DataSource.CreateCommand("""
                SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """);
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The settlement never reached the held account. The command wrote:" + Environment.NewLine + settle.Output);
    }

    async Task TerminateAsync(int backend)
    {
        await using var command = _interrupted.DataSource.CreateCommand("SELECT pg_terminate_backend($1)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = backend });
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
        Tally.Fault();
    }

    /// <summary>A killed client's backend finishes its statement and rolls back only once the lock is gone: wait for that.</summary>
    async Task WaitForNoOtherSessionsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await _interrupted.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed settlement's backend did not go away");
            await Task.Delay(50);
        }
    }

    Task<long> DoneGiversAsync() =>
        _interrupted.ScalarAsync<long>("SELECT count(*) FROM settlement_plan WHERE month = $1::date AND done", Month + "-01");

    /// <summary>The snapshot without the transactions' creation times: the two runs happen at different moments.</summary>
    static string Normalised(LedgerSnapshot snapshot) => CreatedAt().Replace(snapshot.Text, "$1");

    [GeneratedRegex(@"^(tx\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|)[^|]*\|", RegexOptions.Multiline)]
    private static partial Regex CreatedAt();
}
