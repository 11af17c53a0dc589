using System.Text.Json;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;

namespace Flattr.Web.Api.Errors;

/// <summary>Flattr's error bodies as results, and the translation of every exception a request can end in.</summary>
public static class ApiErrors
{
    /// <summary>Where the API's documentation lives (Flattr pointed its <c>error_uri</c> at its developer pages).</summary>
    public const string DocumentationPath = "/rest/v2/openapi.json";

    public static IResult Result(string code, string description) => Result(code, description, ApiErrorCodes.HttpStatusFor(code));

    public static IResult Result(string code, string description, int statusCode) =>
        Results.Json(Body(code, description), ApiJsonContext.Default.ErrorJson, ApiResults.JsonContentType, statusCode);

    public static ErrorJson Body(string code, string description) =>
        new() { Error = code, ErrorDescription = description, ErrorUri = DocumentationPath };

    public static Task WriteAsync(HttpContext http, string code, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = ApiErrorCodes.HttpStatusFor(code);
        return http.Response.WriteAsJsonAsync(Body(code, description), ApiJsonContext.Default.ErrorJson, ApiResults.JsonContentType, cancellationToken);
    }

    /// <summary>
    /// The answer for an exception that bad input or a Flattr rule explains (a rule's code, malformed JSON, an oversized
    /// or cut-off body); null for anything else, which is a fault of ours.
    /// </summary>
    public static IResult? ForException(Exception exception) => exception switch
    {
        FlattrException flattr => Result(flattr.Code, flattr.Message),
        JsonException json => Result(FlattrErrors.InvalidParameters, "The body is not valid JSON for this request: " + json.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Result(ApiErrorCodes.RequestTooLarge, "The request body is too large."),
        BadHttpRequestException bad => Result(FlattrErrors.InvalidParameters, bad.Message, bad.StatusCode),
        _ => null,
    };
}
