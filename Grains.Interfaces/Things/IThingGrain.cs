using Flattr.Live;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Things;

/// <summary>
/// One thing (key = <c>things.id</c>): its info and live counts in memory, and the observers of its count.
/// Reads throw <c>not_found</c> for unknown ids. Deleted things still answer reads (<see cref="ThingInfo.Status"/>).
/// </summary>
[Alias("Flattr.IThingGrain")]
public interface IThingGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<ThingInfo> GetInfo();

    [ReadOnly]
    Task<ThingCounts> GetCounts();

    [ReadOnly]
    Task<ThingSnapshot> GetSnapshot();

    [ReadOnly]
    Task<ClickTarget> GetClickTarget();

    /// <summary>Only the owner may update (<c>forbidden</c> otherwise); invalid fields give <c>invalid_parameters</c>.</summary>
    Task<ThingInfo> Update(long actingUserId, ThingUpdate update);

    /// <summary>
    /// Moves the thing to a claimant who proved control of its page: clicks and counts stay with the thing, settled money
    /// where the ledger put it, a month that ended before the claim pays the owner of that month (settlement reads
    /// <c>thing_claims</c>), and the open month onward pays the new owner. <c>conflict</c> when the claimant owns it already,
    /// <c>validation</c> when the claimant flattred it in the open month (nobody is paid for their own clicks).
    /// Both creators' grains and dashboards are told.
    /// </summary>
    Task<OwnershipTransfer> TransferOwnership(OwnershipClaim claim);

    /// <summary>Marks the thing deleted (kept for history). Only the owner may delete.</summary>
    Task Delete(long actingUserId);

    /// <summary>
    /// Applies a committed click or withdrawal (called by wallet grains), notifies the live feed and the thing's watchers,
    /// and returns the event for the creator's ticker with the counts held afterwards (the wallet tells the creator).
    /// </summary>
    Task<FlattrEvent> ApplyCountChange(ThingCountChange change);

    /// <summary>
    /// Reads the counts from the database again and announces them to the live feed and the watchers when they moved: a
    /// click committed by a wallet on a silo that died before telling this grain is counted here all the same.
    /// </summary>
    Task<ThingCounts> Reload();

    /// <summary>Subscribes or renews: subscriptions lapse after one minute, so renew every ~30 s.</summary>
    Task Watch(IThingObserver observer);

    Task Unwatch(IThingObserver observer);
}
