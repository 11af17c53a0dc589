using Flattr.Web.Api.Errors;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// OpenIddict reads the form of a request to its endpoints itself, in the authentication middleware; a body that is not
/// form-encoded text (invalid characters, a broken encoding) makes ASP.NET Core's form reader throw. That is the client's
/// mistake: the form is read first, at the front of the pipeline, and such a body answered <c>400 invalid_request</c> in
/// Flattr's error shape, not a 500.
/// </summary>
public sealed class OAuthMalformedFormStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(
            http => HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
                && http.Request.Path.StartsWithSegments("/oauth", StringComparison.Ordinal),
            oauth => oauth.Use(async (http, after) =>
            {
                try
                {
                    // Read (and kept by ASP.NET Core for OpenIddict) here, where a malformed form is still ours to answer.
                    await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    await ApiErrors.WriteAsync(http, "invalid_request", "The request's form is not valid form-encoded text.", http.RequestAborted);
                    return;
                }

                await after(http);
            }));
        next(app);
    };
}
