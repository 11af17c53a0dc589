namespace Flattr.Live;

/// <summary>
/// The grains active on this silo that hold copies of database counts in memory (things' click counts, creators' income):
/// the ones <see cref="SiloLossReconciler"/> asks to read the database again when another silo dies.
/// </summary>
public sealed class LiveMirrors
{
    public MirrorSet Things { get; } = new();

    public MirrorSet Creators { get; } = new();

    /// <summary>Grain keys, added on activation and removed on deactivation (turns of different grains run in parallel).</summary>
    public sealed class MirrorSet
    {
        readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _keys = new();

        public void Add(long key) => _keys.TryAdd(key, 0);

        public void Remove(long key) => _keys.TryRemove(key, out _);

        public IReadOnlyList<long> Snapshot() => [.. _keys.Keys];
    }
}
