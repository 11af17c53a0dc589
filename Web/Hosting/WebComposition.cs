using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Claims;
using Flattr.Web.Demo;
using Flattr.Web.Live;
using Flattr.Web.Localization;
using Flattr.Web.Profiles;
using Flattr.Web.Operations;
using Flattr.Web.Public;
using Flattr.Web.Security;
using Flattr.Web.Security.DataProtection;

namespace Flattr.Web.Hosting;

/// <summary>
/// Everything the web adds to the host, in two calls that Program.cs makes: <see cref="AddFlattrWeb"/> for services and
/// <see cref="UseFlattrWeb"/> for the pipeline and endpoints. The silo, grains, operator and payment endpoints are added by
/// their own extension methods beside these.
/// </summary>
public static class WebComposition
{
    public static WebApplicationBuilder AddFlattrWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FlattrWebOptions>().BindConfiguration(FlattrWebOptions.Section);
        services.TryAddTimeProvider();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/";
            options.Conventions.ConfigureFilter(new UnhandledMethodFilter());
            options.Conventions.AddPageRoute("/Public/Browse", "/tags/{tag}");
            options.Conventions.AddPageRoute("/Public/Browse", "/search");
            options.Conventions.AddPageApplicationModelConvention("/Button/Frame", page => page.EndpointMetadata.Add(new AllowFramingByAnySiteAttribute()));
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "flattr.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            // ASP.NET Core's default leaves this cookie without Secure even over HTTPS.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "X-Flattr-Antiforgery";
            // The header is set per endpoint by SecurityHeadersMiddleware: X-Frame-Options here would break the button frame.
            options.SuppressXFrameOptionsHeader = true;
        });
        // The notices carried across a redirect (TempData) ride in a cookie that is likewise not Secure by default.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(
            options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default));
        services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default));
        services.AddFlattrLocalization();
        services.AddFlattrAccounts();
        services.AddFlattrProfiles();
        services.AddFlattrClaims();
        services.AddFlattrRateLimits();
        services.AddFlattrProxyForwarding(builder.Configuration);
        services.AddFlattrHostFiltering(builder.Configuration);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // What Kestrel reads of any body, the rest of a refused one included; the app reads less (RequestInputGuard).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestInputGuard.DiscardBytes);

        services.AddSingleton<TrendingReader>();
        services.AddSingleton<LiveBridge>();
        services.AddSingleton<FeedWatch>();
        services.AddHostedService<LiveRenewal>();
        services.AddSingleton<BadgeRenderer>();
        services.AddSingleton<ReaderCookie>();
        services.AddFlattrDemo(builder.Configuration);
        services.AddSharedKeyRing();
        builder.AddFlattrOperations();
        // Last, so it wraps the provider that authentication and antiforgery registered.
        services.AddUnprotectCache();
        return builder;
    }

    public static WebApplication UseFlattrWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The client's address and scheme as the trusted proxy saw them, before anything reads them (limits, cookies, HSTS).
        app.UseForwardedHeaders();
        app.UseNodeNameHeader(app.Configuration);
        // Next, so every response gets the headers: static files and error pages end the pipeline before routing. The headers
        // are written when the response starts, by which time routing has chosen the endpoint that decides about framing.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseMiddleware<ServiceUnavailableMiddleware>();
        app.UseMiddleware<FlattrExceptionMiddleware>();
        app.UseRequestLocalization();
        app.UseMiddleware<HeadAsGetMiddleware>();
        // Routing first: the static file middleware then passes over every request that matched an endpoint without
        // looking on disk, where it would otherwise stat wwwroot for each /things/{id}/button.svg and count.json read.
        app.UseRouting();
        // After routing, so that an endpoint's own body limit (an upload form) is known to it.
        app.UseMiddleware<RequestInputGuard>();
        app.UseStaticFiles();
        app.UseMiddleware<CrossSiteRequestMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryEnforcementMiddleware>();

        app.MapRazorPages();
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapLanguageSwitch();
        app.MapSignOut();
        app.MapButtonEndpoints();
        app.MapAvatars();
        app.UseFlattrOperations();
        return app;
    }

    static void TryAddTimeProvider(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
}
