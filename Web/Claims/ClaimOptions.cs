namespace Flattr.Web.Claims;

/// <summary><c>Flattr:Claims</c>: how the server fetches a page whose ownership someone claims.</summary>
public sealed class ClaimOptions
{
    public const string Section = "Flattr:Claims";

    /// <summary>
    /// Lets the fetch connect to loopback addresses (127.0.0.0/8, ::1). Off in production, where only public addresses are
    /// fetched; the tests turn it on for their local blog server. Every other non-public range stays refused either way.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>The whole verification's budget (page, redirects and <c>/.well-known/flattr</c> together).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most bytes read of one answer, whatever its Content-Length says; a larger answer is refused.</summary>
    public int MaximumBytes { get; set; } = 1024 * 1024;

    /// <summary>Claims one user may have checked per clock hour (each one makes the server fetch up to two pages).</summary>
    public int ClaimsPerHour { get; set; } = 20;

    /// <summary>Redirects followed (each one checked like the first request).</summary>
    public int MaximumRedirects { get; set; } = 3;
}
