namespace Silo;

/// <summary>The identity of a grain: its type and its key. Two references to the same <see cref="GrainId"/> are the same grain.</summary>
public readonly record struct GrainId(GrainType Type, GrainKey Key)
{
    public override string ToString() => $"{Type}/{Key.ToStorageString()}";
}
