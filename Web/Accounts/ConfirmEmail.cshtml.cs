using Flattr.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>The link mailed to a new address: opening it moves the account there (single-use, two days, this user's only).</summary>
public sealed class ConfirmEmailModel(IGrainFactory grains) : PageModel
{
    [BindProperty(Name = "user", SupportsGet = true)]
    public long Account { get; set; }

    [BindProperty(Name = "token", SupportsGet = true)]
    public string? Token { get; set; }

    public EmailChangeOutcome Outcome { get; private set; } = EmailChangeOutcome.Invalid;

    public async Task OnGetAsync() =>
        Outcome = Account > 0 && !string.IsNullOrEmpty(Token) ? await grains.GetAccount(Account).ConfirmEmailChange(Token) : EmailChangeOutcome.Invalid;
}
