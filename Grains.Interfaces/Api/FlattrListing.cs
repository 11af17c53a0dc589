using Flattr.Wallets;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// One flattr (a click of the month, by button or subscription) with what listings show of its thing and giver.
/// <see cref="ThingFlattrs"/> is the thing's count of all time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.FlattrListing")]
public sealed record FlattrListing(
    long ThingId,
    string ThingTitle,
    string ThingUrl,
    long ThingOwnerId,
    string ThingOwnerUsername,
    bool ThingHidden,
    long ThingFlattrs,
    long GiverId,
    string GiverUsername,
    bool Anonymous,
    DateTimeOffset At,
    Month Month,
    ClickSource Source);
