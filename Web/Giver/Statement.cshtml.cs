using Flattr.Statements;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Giver;

/// <summary>A month's statement: what the giver gave (and, as a creator, received).</summary>
[Authorize]
public sealed class StatementModel(IGrainFactory grains) : PageModel
{
    public GiverStatement Given { get; private set; } = null!;

    public CreatorStatement Received { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string month)
    {
        if (!Month.TryParse(month, out var parsed))
        {
            return NotFound();
        }

        var statements = grains.GetStatements(User.RequiredUserId());
        Given = await statements.GetGiverStatement(parsed);
        Received = await statements.GetCreatorStatement(parsed);
        return Page();
    }
}
