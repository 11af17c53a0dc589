namespace Flattr.Clicks;

/// <summary>Settings of the click store, bound from <c>Flattr:Clicks</c>.</summary>
public sealed class ClickStoreOptions
{
    public const string SectionName = "Flattr:Clicks";

    public const int DefaultWriters = 1;

    public const int MaxWriters = 64;

    /// <summary>
    /// Group-commit writers, each with its own connection while it writes. One writer keeps a single PostgreSQL backend
    /// (one core) busy and leaves it idle during every commit's flush; a few overlap them.
    /// </summary>
    public int Writers { get; set; } = DefaultWriters;
}
