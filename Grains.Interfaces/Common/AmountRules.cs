namespace Flattr;

/// <summary>
/// The amount rules a <see cref="FlattrException"/> may name in <see cref="FlattrException.AmountRule"/>, with the amounts in
/// <see cref="FlattrException.Amounts"/>, so each page says the refusal in its reader's language and money format.
/// </summary>
public static class AmountRules
{
    /// <summary>A deposit below the minimum: amounts [minimum, given].</summary>
    public const string DepositMinimum = "deposit_minimum";

    /// <summary>A deposit above the maximum: amounts [maximum, given].</summary>
    public const string DepositMaximum = "deposit_maximum";

    /// <summary>A budget outside the range: amounts [minimum, maximum, given].</summary>
    public const string BudgetRange = "budget_range";
}
