namespace Silo;

/// <summary>The name of a grain class as the runtime knows it: the class name without a "Grain" suffix,
/// unless overridden with <see cref="GrainTypeAttribute"/>. Stored in the database, so renaming a class needs the attribute.</summary>
public readonly record struct GrainType(string Name)
{
    public override string ToString() => Name;
}
