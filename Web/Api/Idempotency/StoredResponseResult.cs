using Flattr.Api;

namespace Flattr.Web.Api.Idempotency;

/// <summary>Replays the response an idempotency key stored, marked <c>Idempotent-Replayed: true</c> (as Stripe does).</summary>
public sealed class StoredResponseResult(StoredResponse response) : IResult
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        http.Headers[ReplayedHeader] = "true";
        if (response.Location is { } location)
        {
            http.Headers.Location = location;
        }

        if (response.Body.Length == 0)
        {
            return Task.CompletedTask;
        }

        http.ContentType = response.ContentType;
        return http.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
