namespace Flattr.Web.Giver;

/// <summary>
/// The amounts pages quote (the smallest top-up, the budget range), read from the configuration section the grains' money
/// rules are bound from (<c>Flattr:Money</c>), with the same defaults. The grains enforce them; pages only say them.
/// </summary>
public sealed record MoneyLimits(long MinimumDepositCents, long MinimumBudgetCents, long MaximumBudgetCents)
{
    const string Section = "Flattr:Money";

    public static MoneyLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new(
            section.GetValue(nameof(MinimumDepositCents), 800L),
            section.GetValue(nameof(MinimumBudgetCents), 200L),
            section.GetValue(nameof(MaximumBudgetCents), 10_000L));
    }
}
