using Orleans;

namespace Flattr.Things;

/// <summary>A thing that changed hands: its info under the new owner and who owned it before.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.OwnershipTransfer")]
public sealed record OwnershipTransfer(ThingInfo Thing, long PreviousOwnerId, string PreviousOwnerUsername, DateTimeOffset At);
