namespace Silo;

/// <summary>
/// Carries the context of the activation under construction to the <see cref="Grain"/> base constructor,
/// so grain classes need no runtime parameter in their constructors (as in Orleans).
/// </summary>
public static class GrainContextAccessor
{
    [ThreadStatic]
    static IGrainContext? s_constructing;

    internal static IGrainContext? Constructing => s_constructing;

    /// <summary>Used by runtimes while they construct a grain instance on the current thread.</summary>
    public static IDisposable BeginConstruction(IGrainContext context)
    {
        var previous = s_constructing;
        s_constructing = context;
        return new Scope(previous);
    }

    sealed class Scope(IGrainContext? previous) : IDisposable
    {
        public void Dispose() => s_constructing = previous;
    }
}
