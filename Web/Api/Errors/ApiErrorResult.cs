using Flattr.Web.Api.Json;

namespace Flattr.Web.Api.Errors;

/// <summary>
/// A Flattr error body with its status. <see cref="LegacyMessage"/> adds the <c>message</c>/<c>description</c> pair that
/// Flattr's look-up answered with, for clients written against it.
/// </summary>
public sealed class ApiErrorResult(string code, string description, int statusCode) : IResult, IStatusCodeHttpResult
{
    public string Code { get; } = code;

    public string Description { get; } = description;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public bool LegacyMessage { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = ApiErrors.Body(httpContext.Request, Code, Description);
        if (LegacyMessage)
        {
            body = body with { Message = Code, Description = Description };
        }

        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(body, ApiJsonContext.Default.ErrorJson, ApiResults.JsonContentType, httpContext.RequestAborted);
    }
}
