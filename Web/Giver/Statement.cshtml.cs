using Flattr.Statements;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Giver;

/// <summary>
/// A month's statement: where every cent the giver paid went (and, as a creator, what they received). A month before the account
/// was opened, or after the current one, has no statement: a 404 page says so.
/// </summary>
[Authorize]
public sealed class StatementModel(IGrainFactory grains) : PageModel
{
    public Month Month { get; private set; }

    /// <summary>Null when the month has no statement.</summary>
    public GiverStatement? Given { get; private set; }

    public CreatorStatement? Received { get; private set; }

    public async Task<IActionResult> OnGetAsync(string month)
    {
        if (!Flattr.Month.TryParse(month, out var parsed))
        {
            return NotFound();
        }

        Month = parsed;
        var statements = grains.GetStatements(User.RequiredUserId());
        Given = await statements.GetGiverStatement(parsed);
        Received = await statements.GetCreatorStatement(parsed);
        if (Given is null || Received is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
