namespace Silo;

/// <summary>Orleans-style accessors for a grain's own key.</summary>
public static class GrainKeyExtensions
{
    public static string GetPrimaryKeyString(this Grain grain) => Key(grain).AsString();

    public static Guid GetPrimaryKey(this Grain grain) => Key(grain).AsGuid(out _);

    public static Guid GetPrimaryKey(this Grain grain, out string? keyExtension) => Key(grain).AsGuid(out keyExtension);

    public static long GetPrimaryKeyLong(this Grain grain) => Key(grain).AsInteger(out _);

    public static long GetPrimaryKeyLong(this Grain grain, out string? keyExtension) => Key(grain).AsInteger(out keyExtension);

    static GrainKey Key(Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainId.Key;
    }
}
