using Flattr.Subscriptions;
using Flattr.Things;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Wallets;

/// <summary>
/// A giver's clicks in one month: key = (giver id, "yyyy-MM"), e.g. <c>GetGrain&lt;IWalletGrain&gt;(42, "2026-10")</c>
/// (or <see cref="FlattrGrainFactoryExtensions.GetWallet"/>). Rules are checked in memory first, in this order:
/// month open and current (<c>month_closed</c>), once per thing (<c>flattr_once</c>), thing exists (<c>not_found</c>),
/// not one's own (<c>flattr_owner</c>), active (<c>thing_inactive</c>), budget and balance (<c>no_means</c>); the database
/// enforces them again. A result means the click is committed.
/// </summary>
[Alias("Flattr.IWalletGrain")]
public interface IWalletGrain : IGrainWithIntegerCompoundKey
{
    Task<FlattrResult> Flattr(long thingId, bool anonymous);

    /// <summary>Flattrs the thing at an auto-submit link, creating it first if its URL is new (only when the click can succeed).</summary>
    Task<FlattrResult> FlattrAutoSubmit(AutoSubmission submission, bool anonymous);

    /// <summary>Takes a click back (until the month is settled): <c>not_found</c> if there is no such click.</summary>
    Task<WithdrawalResult> Withdraw(long thingId);

    [ReadOnly]
    Task<GiverMonth> GetMonth();

    [ReadOnly]
    Task<bool> HasFlattred(long thingId);

    /// <summary>Re-reads budget and balance (after a deposit, a payout or a budget change). Called by the other grains.</summary>
    Task RefreshMeans();

    /// <summary>Starts a subscription from this month and writes its click of this month (none if the thing is already
    /// clicked: a subscription never counts twice in a month). Called by <see cref="ISubscriptionsGrain"/>, which checks the
    /// rules first; the wallet writes it so that its clicked set and the thing's count stay exact.</summary>
    Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term);
}
