using System.Reflection;

namespace Silo.Runtime.Identity;

/// <summary>The stored name of a grain class: [GrainType] if present, else the class name without generic arity and "Grain" suffix.</summary>
static class GrainTypeNames
{
    const string Suffix = "Grain";

    /// <summary>The grain type of local observers created with CreateObjectReference; never a class name (it contains a dot).</summary>
    public static readonly GrainType Observer = new("sys.observer");

    public static GrainType For(Type grainClass)
    {
        if (grainClass.GetCustomAttribute<GrainTypeAttribute>(inherit: false) is { } attribute)
        {
            if (string.IsNullOrWhiteSpace(attribute.Name) || attribute.Name.Contains('/', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"[GrainType(\"{attribute.Name}\")] on {grainClass} must be a non-empty name without '/'.");
            }

            return new GrainType(attribute.Name);
        }

        var name = grainClass.Name;
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        if (arity >= 0)
        {
            name = name[..arity];
        }

        if (name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            name = name[..^Suffix.Length];
        }

        return new GrainType(name);
    }
}
