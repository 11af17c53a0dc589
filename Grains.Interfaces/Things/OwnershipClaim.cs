using Orleans;

namespace Flattr.Things;

/// <summary>
/// A proven claim to a thing: the web fetched <paramref name="ProofUrl"/> itself and found the proof for
/// <paramref name="ClaimantId"/> by <paramref name="Method"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.OwnershipClaim")]
public sealed record OwnershipClaim(long ClaimantId, ClaimMethod Method, string ProofUrl);
