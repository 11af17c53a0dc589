using System.Text.Json;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.Representations;

namespace Flattr.Web.Api.Errors;

/// <summary>Flattr's error bodies as results, and the translation of every exception a request can end in.</summary>
public static class ApiErrors
{
    /// <summary>Where <c>error_uri</c> points: the API's OpenAPI document (Flattr pointed it at its developer pages).</summary>
    public const string DocumentationPath = ApiLinks.ApiRoot + "openapi.json";

    public static IResult Result(string code, string description) => new ApiErrorResult(code, description, ApiErrorCodes.HttpStatusFor(code));

    public static IResult Result(string code, string description, int statusCode) => new ApiErrorResult(code, description, statusCode);

    public static ErrorJson Body(HttpRequest request, string code, string description) =>
        new() { Error = code, ErrorDescription = description, ErrorUri = ApiLinks.For(request).Absolute(DocumentationPath) };

    public static Task WriteAsync(HttpContext http, string code, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = ApiErrorCodes.HttpStatusFor(code);
        return http.Response.WriteAsJsonAsync(
            Body(http.Request, code, description), ApiJsonContext.Default.ErrorJson, ApiResults.JsonContentType, cancellationToken);
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
