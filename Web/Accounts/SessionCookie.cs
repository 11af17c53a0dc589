using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Flattr.Web.Accounts;

/// <summary>Checks each request's session cookie against its server-side session: an ended session signs the browser out.</summary>
static class SessionCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
        if (principal?.SessionId() is { } session && principal.UserId() is { } userId && await sessions.IsLiveAsync(session, userId))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AccountsSetup.Scheme);
    }
}
