namespace Flattr.Money;

/// <summary>
/// The configurable money rules (configuration section <c>Flattr:Money</c>). Amounts are EUR cents.
/// </summary>
public sealed class MoneyRules
{
    public const string SectionName = "Flattr:Money";

    public long MinimumDepositCents { get; set; } = 800;

    /// <summary>The largest single deposit accepted; anything bigger is a mistake or an attack.</summary>
    public long MaximumDepositCents { get; set; } = 1_000_000;

    /// <summary>Fee kept on each deposit, in whole percent, rounded down to the cent in the giver's favour.</summary>
    public int DepositFeePercent { get; set; } = 10;

    public long MinimumBudgetCents { get; set; } = 200;

    public long MaximumBudgetCents { get; set; } = 10_000;

    public NoClickPolicy NoClickPolicy { get; set; } = NoClickPolicy.Charity;

    public long MinimumPayoutCents { get; set; } = 1_000;
}
