namespace Flattr.Money;

/// <summary>
/// The platform fee kept on a deposit: amount * percent / 100, rounded down to the cent (in the giver's
/// favour). It is taken once, at top-up; a click costs nothing.
/// </summary>
public static class DepositFee
{
    public static long For(long amountCents, int feePercent = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountCents);
        ArgumentOutOfRangeException.ThrowIfNegative(feePercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feePercent, 99);
        return checked(amountCents * feePercent) / 100;
    }

    public static long For(long amountCents, MoneyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return For(amountCents, rules.DepositFeePercent);
    }
}
