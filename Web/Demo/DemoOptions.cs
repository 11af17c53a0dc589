namespace Flattr.Web.Demo;

/// <summary>Demo mode, bound from <c>Flattr:Demo</c> (the run command's <c>--demo</c> flag sets <c>Enabled</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Flattr:Demo";

    public bool Enabled { get; set; }

    /// <summary>The password of every sample account (they are all verified), so a visitor can sign in as one.</summary>
    public string Password { get; set; } = "flattr-demo";

    /// <summary>Average pause between simulated clicks.</summary>
    public TimeSpan ClickInterval { get; set; } = TimeSpan.FromSeconds(2);
}
