using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Flattr.Web.Accounts;

public static class AccountsSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IServiceCollection AddFlattrAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "flattr.session";
            options.Cookie.HttpOnly = true;
            // Lax: the first-party confirmation popup is a top-level window, so the session works there;
            // a frame on another site never carries it, which is exactly what keeps third-party pages from flattring.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/signin";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            // The cookie names a server-side session: one that was ended (sign-out, elsewhere too) no longer opens anything.
            options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
        });
        services.AddAuthorization();

        // OWASP asks for at least 210,000 PBKDF2-HMAC-SHA512 iterations; older hashes verify and are upgraded at sign-in.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddSingleton<IPasswordHasher<PasswordAccount>, PasswordHasher<PasswordAccount>>();
        services.AddSingleton<PasswordChecker>();
        services.AddSingleton<EmailVerification>();
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<AccountMails>();
        services.AddSingleton<ServerSessions>();
        services.AddOptions<AccountLimits>().BindConfiguration(AccountLimits.Section);
        services.AddSingleton<AccountThrottle>();
        return services;
    }

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (HttpContext http, ServerSessions sessions) =>
        {
            if (http.User.SessionId() is { } session)
            {
                await sessions.EndAsync(session);
            }

            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(http, Scheme);
            Button.ReaderCookie.Clear(http);
            return Results.LocalRedirect("/");
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
