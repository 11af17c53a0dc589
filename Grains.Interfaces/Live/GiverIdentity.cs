using Orleans;

namespace Flattr.Live;

/// <summary>Who flattred, as shown to the creator (never sent for anonymous flattrs).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.GiverIdentity")]
public sealed record GiverIdentity(long Id, string Username, string DisplayName);
