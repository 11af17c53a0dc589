using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Endpoints;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Idempotency;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.OAuth;
using Flattr.Web.Api.OpenApi;
using Flattr.Web.Api.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;

namespace Flattr.Web.Api.Hosting;

/// <summary>
/// The public REST API in the shape of Flattr's API v2, added to the host by two calls in Program.cs: <see cref="AddFlattrApi"/>
/// for its services and <see cref="MapFlattrApi"/> for its endpoints (after the web's pipeline, whose authentication,
/// authorization and rate limiter middleware it uses).
/// </summary>
public static class ApiComposition
{
    public const string BasePath = "/rest/v2";

    /// <summary>The OpenAPI document's name: served at <c>/rest/v2/openapi.json</c>.</summary>
    public const string DocumentName = "v2";

    public static WebApplicationBuilder AddFlattrApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);
        services.AddFlattrOAuthServer(builder.Configuration);
        services.AddSingleton<ApiRateLimits>();
        services.AddRateLimiter(options => options.AddPolicy<ApiRateLimitKey, ApiRateLimitPolicy>(ApiRateLimitPolicy.Name));
        services.AddCors(ApiCors.AddPolicy);
        services.AddTransient<IStartupFilter, ApiCorsStartupFilter>();
        services.AddTransient<IStartupFilter, ApiFormatStartupFilter>();
        services.AddSingleton<ApiErrorFilter>();
        services.AddSingleton<IdempotencyFilter>();

        // Only the API's own types, first in the chain: the OpenAPI generator then sees Flattr's snake_case names.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == DocumentName;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiDocumentTransformer>();
        });
        return builder;
    }

    public static WebApplication MapFlattrApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(BasePath)
            .WithGroupName(DocumentName)
            .RequireAuthorization(ApiPolicies.Caller)
            .RequireRateLimiting(ApiRateLimitPolicy.Name)
            .AddEndpointFilter<ApiErrorFilter>();
        api.MapUserEndpoints()
            .MapThingEndpoints()
            .MapSearchEndpoints()
            .MapFlattrEndpoints()
            .MapSubscriptionEndpoints()
            .MapActivityEndpoints()
            .MapPayoutEndpoints()
            .MapReferenceEndpoints();
        api.MapFallback("{**path}", () => ApiErrors.Result(FlattrErrors.NotFound, "There is no such API resource (or not with this method)."))
            .ExcludeFromDescription();

        app.MapOpenApi("/rest/{documentName}/openapi.json");
        return app;
    }
}
