using Flattr.Ledger;
using Flattr.Money;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The checks every fault and abuse test ends with: the ledger audit (every transaction sums to zero, stored balances equal
/// the entries) and the live counts agreeing with the durable clicks. Each passed check is counted in <see cref="Tally"/>.
/// </summary>
public static class Invariants
{
    public static async Task<LedgerAudit> AssertLedgerAuditOkAsync(NpgsqlDataSource dataSource)
    {
        var ledger = new LedgerStore(dataSource, TimeProvider.System, Options.Create(new MoneyRules()));
        var audit = await ledger.AuditAsync();
        Assert.True(audit.Ok, audit.ToString());
        Tally.Check();
        return audit;
    }

    /// <summary>thing_month_counts (what buttons show after a restart) equals the click rows, thing by thing and month by month.</summary>
    public static async Task AssertCountsMatchClicksAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM (
                SELECT thing_id, month, count(*) AS n FROM clicks GROUP BY thing_id, month
            ) c FULL JOIN (
                SELECT thing_id, month, clicks AS n FROM thing_month_counts WHERE clicks <> 0
            ) t USING (thing_id, month)
            WHERE c.n IS DISTINCT FROM t.n
            """);
        var mismatches = (long)(await command.ExecuteScalarAsync())!;
        Assert.Equal(0, mismatches);
        Tally.Check();
    }
}
