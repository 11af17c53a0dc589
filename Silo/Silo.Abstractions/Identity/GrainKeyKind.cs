namespace Silo;

/// <summary>The kind of a grain key. Kept beside the key so that "42" (string) and 42 (integer) never meet.</summary>
public enum GrainKeyKind
{
    String,
    Guid,
    Integer,
    GuidCompound,
    IntegerCompound,
}
