using Orleans;

namespace Flattr.Statements;

/// <summary>Where a line of a giver's statement sends money (or, for <see cref="KeptForNextMonth"/>, why none left).</summary>
[GenerateSerializer, Alias("Flattr.GiverStatementLineKind")]
public enum GiverStatementLineKind
{
    /// <summary>A clicked thing's share of the month's spend.</summary>
    Share,

    /// <summary>A subscribed thing's share (a subscription counts as one click of the month).</summary>
    Subscription,

    /// <summary>A budget and no clicks under the policy <c>charity</c>: the spend went to the charity account.</summary>
    Charity,

    /// <summary>
    /// A budget and no clicks under the policy <c>rollover</c>: nothing left the balance (the line's amount is 0); the statement's
    /// <see cref="GiverStatement.KeptCents"/> says how much stays for next month.
    /// </summary>
    KeptForNextMonth,

    /// <summary>The platform's fee on a deposit made during the month.</summary>
    DepositFee,
}
