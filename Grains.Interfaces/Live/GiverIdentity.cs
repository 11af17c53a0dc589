using Silo.Concurrency;

namespace Flattr.Live;

/// <summary>Who flattred, as shown to the creator (never sent for anonymous flattrs).</summary>
[Immutable]
public sealed record GiverIdentity(long Id, string Username, string DisplayName);
