namespace Flattr.Money;

/// <summary>What happens to the spend of a giver who had a budget but clicked nothing in the month.</summary>
public enum NoClickPolicy
{
    /// <summary>The spend goes to the charity account.</summary>
    Charity,

    /// <summary>The giver keeps the money.</summary>
    Rollover,
}
