using System.Text.Json.Serialization;

namespace Flattr.Web.Hosting;

/// <summary>A Flattr API v2 style error body: <c>{"error": "flattr_once", "error_description": "…"}</c>.</summary>
public sealed record FlattrErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

public static class ErrorResponses
{
    /// <summary>Answers with JSON for API and script callers, with a short text page for browsers.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(description, cancellationToken);
        }

        return http.Response.WriteAsJsonAsync(new FlattrErrorBody(code, description), WebJsonContext.Default.FlattrErrorBody, cancellationToken: cancellationToken);
    }

    public static IResult Result(string code, string description) =>
        Results.Json(new FlattrErrorBody(code, description), WebJsonContext.Default.FlattrErrorBody, statusCode: FlattrErrors.HttpStatusFor(code));
}
