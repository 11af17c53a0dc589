using Orleans;

namespace Flattr.Settlement;

/// <summary>
/// The ledger audit: every transaction must sum to zero and every stored balance must equal the sum of its entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.LedgerAuditReport")]
public sealed record LedgerAuditReport(long TransactionsChecked, long UnbalancedTransactions, long AccountsChecked, long MismatchedAccounts, bool Ok);
