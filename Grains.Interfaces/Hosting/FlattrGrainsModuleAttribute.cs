namespace Flattr.Hosting;

/// <summary>Names, on the grain assembly, its <see cref="IFlattrGrainsModule"/> implementation (with a public parameterless constructor).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class FlattrGrainsModuleAttribute(Type moduleType) : Attribute
{
    public Type ModuleType { get; } = moduleType;
}
