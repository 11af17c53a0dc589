using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The friendly page for 404s and failures (no stack traces outside Development).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? status) => Status = status ?? 500;

    /// <summary>A failed form post is re-executed here as a POST: show the same page.</summary>
    public void OnPost(int? status) => Status = status ?? 500;
}
