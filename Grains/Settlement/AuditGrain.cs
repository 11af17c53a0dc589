using Flattr.Ledger;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Settlement;

/// <summary>Runs the ledger audit. Stateless: several audits may run side by side, each reading one snapshot.</summary>
[StatelessWorker(1)]
public sealed class AuditGrain(LedgerStore ledger) : Grain, IAuditGrain
{
    public async Task<LedgerAuditReport> Run()
    {
        var audit = await ledger.AuditAsync(CancellationToken.None);
        return new LedgerAuditReport(audit.TransactionsChecked, audit.UnbalancedTransactions, audit.AccountsChecked, audit.MismatchedAccounts, audit.Ok);
    }
}
