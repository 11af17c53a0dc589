namespace Flattr;

/// <summary>Keys of the grains that exist once per service.</summary>
public static class Singletons
{
    /// <summary>The integer key of every singleton grain (user directory, thing registry, live feed, month end, audit).</summary>
    public const long Key = 0;
}
