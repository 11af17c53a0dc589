namespace Flattr.Users;

/// <summary>An account's money as deletion sees it (cents).</summary>
public sealed record AccountMoney(long BalanceCents, long IncomeCents, long PaidOutCents, bool IncomePending, int ActiveThings)
{
    /// <summary>Income still held: what came in by settlement and has not been paid out, at most the balance.</summary>
    public long IncomeHeldCents => Math.Clamp(IncomeCents - PaidOutCents, 0, BalanceCents);
}
