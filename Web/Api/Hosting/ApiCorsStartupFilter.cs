namespace Flattr.Web.Api.Hosting;

/// <summary>
/// Puts ASP.NET Core's CORS middleware, for the API's reads only, at the front of the pipeline: a preflight carries no token,
/// so it must be answered before authentication and authorization see it, wherever Program.cs places the rest.
/// </summary>
public sealed class ApiCorsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(ApiCors.Applies, api => api.UseCors(ApiCors.PolicyName));
        next(app);
    };
}
