using Flattr.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

public sealed class VerifyModel(IGrainFactory grains, EmailVerification verification) : PageModel
{
    public bool Verified { get; private set; }

    public async Task OnGetAsync(string? token)
    {
        var userId = verification.ReadToken(token);
        if (userId is null)
        {
            return;
        }

        await grains.GetGrain<IUserGrain>(userId.Value).MarkEmailVerified();
        Verified = true;
    }
}
