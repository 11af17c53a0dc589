namespace Flattr.Money;

/// <summary>Range checks on amounts coming from outside, each failing with a clear <see cref="FlattrException"/>.</summary>
public static class MoneyValidation
{
    public static void RequireBudgetInRange(long amountCents, MoneyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (amountCents < rules.MinimumBudgetCents || amountCents > rules.MaximumBudgetCents)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A monthly budget must be between {Euros(rules.MinimumBudgetCents)} and {Euros(rules.MaximumBudgetCents)}; " +
                $"got {Euros(amountCents)}. To stop giving, pause the budget.")
            {
                AmountRule = AmountRules.BudgetRange,
                Amounts = [rules.MinimumBudgetCents, rules.MaximumBudgetCents, amountCents],
            };
        }
    }

    public static void RequireDepositInRange(long amountCents, MoneyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (amountCents <= 0)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"A deposit must be a positive amount; got {amountCents} cents.");
        }

        if (amountCents < rules.MinimumDepositCents)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A deposit must be at least {Euros(rules.MinimumDepositCents)}; got {Euros(amountCents)}.")
            {
                AmountRule = AmountRules.DepositMinimum,
                Amounts = [rules.MinimumDepositCents, amountCents],
            };
        }

        if (amountCents > rules.MaximumDepositCents)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A deposit may be at most {Euros(rules.MaximumDepositCents)}; got {Euros(amountCents)}.")
            {
                AmountRule = AmountRules.DepositMaximum,
                Amounts = [rules.MaximumDepositCents, amountCents],
            };
        }
    }

    public static void RequirePayoutAtLeastMinimum(long amountCents, MoneyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (amountCents < rules.MinimumPayoutCents)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A payout must be at least {Euros(rules.MinimumPayoutCents)}; got {Euros(amountCents)}.");
        }
    }

    /// <summary>Formats cents as euros for messages, e.g. 1234 -> "12.34 EUR" (no floating point).</summary>
    public static string Euros(long cents)
    {
        var sign = cents < 0 ? "-" : "";
        var magnitude = cents == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(cents);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:00} EUR");
    }
}
