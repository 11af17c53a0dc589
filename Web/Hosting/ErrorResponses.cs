using System.Text.Json.Serialization;

namespace Flattr.Web.Hosting;

/// <summary>A Flattr API v2 style error body: <c>{"error": "flattr_once", "error_description": "…"}</c>.</summary>
public sealed record FlattrErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

public static class ErrorResponses
{
    static readonly object DescriptionKey = new();

    /// <summary>
    /// Answers with JSON for API and script callers. A browser navigating to a page gets a page of the site instead: the
    /// status is set and the body left empty, so the status code pages re-execute <c>/error</c>, which shows
    /// <paramref name="description"/> (kept in <see cref="HttpContext.Items"/>) in the site's layout and language.
    /// </summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        if (WantsPage(http.Request))
        {
            http.Items[DescriptionKey] = description;
            return Task.CompletedTask;
        }

        return http.Response.WriteAsJsonAsync(new FlattrErrorBody(code, description), WebJsonContext.Default.FlattrErrorBody, cancellationToken: cancellationToken);
    }

    /// <summary>The sentence a middleware gave for the error page to show, if any.</summary>
    public static string? Description(HttpContext http) => http?.Items[DescriptionKey] as string;

    /// <summary>A person's browser asking for a page: HTML accepted, and not the API or a script's endpoint.</summary>
    static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/rest", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/oauth/token", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/live", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(string code, string description) =>
        Results.Json(new FlattrErrorBody(code, description), WebJsonContext.Default.FlattrErrorBody, statusCode: FlattrErrors.HttpStatusFor(code));
}
