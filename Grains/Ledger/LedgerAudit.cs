namespace Flattr.Ledger;

/// <summary>
/// The ledger's self-check, from one snapshot: every transaction sums to zero and has at least two entries,
/// every stored balance equals the sum of its account's entries, and all balances together sum to zero.
/// </summary>
public sealed record LedgerAudit(
    long TransactionsChecked,
    long UnbalancedTransactions,
    long AccountsChecked,
    long MismatchedAccounts,
    long EntriesChecked,
    long BalanceTotalCents)
{
    public bool Ok => UnbalancedTransactions == 0 && MismatchedAccounts == 0 && BalanceTotalCents == 0;

    public override string ToString() =>
        $"ledger audit {(Ok ? "OK" : "FAILED")}: {TransactionsChecked} transactions ({UnbalancedTransactions} unbalanced), " +
        $"{EntriesChecked} entries, {AccountsChecked} accounts ({MismatchedAccounts} mismatched), balances sum to {BalanceTotalCents} cents";
}
