using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The friendly page for 404s and failures (no stack traces outside Development).</summary>
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? status) => Status = status ?? 500;
}
