using Microsoft.AspNetCore.Localization;

namespace Flattr.Web.Localization;

public static class LocalizationSetup
{
    /// <summary>The cookie the language switch writes; it wins over the browser's Accept-Language.</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    public static IServiceCollection AddFlattrLocalization(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SupportedLanguages.English);
            // Formatting follows the browser's region (en-GB writes 05/12/2026); the texts fall back to its language.
            options.SupportedCultures = [.. SupportedLanguages.FormattingCultures];
            options.SupportedUICultures = [.. SupportedLanguages.Cultures];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.ApplyCurrentCultureToResponseHeaders = true;

            // Cookie (the switch) first, then the browser's Accept-Language; no query-string provider.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

    /// <summary><c>POST /language</c>: remembers the chosen language for a year and returns to the page it was chosen on.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/language", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string language, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (!SupportedLanguages.All.Contains(language))
            {
                return Results.BadRequest();
            }

            http.Response.Cookies.Append(
                CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                });
            // The framework's own check (the one LocalRedirect enforces): a tab or a line break makes a URL not local.
            return Results.LocalRedirect(Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        });
        return endpoints;
    }
}
