using System.Text;
using Flattr.Api;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Hosting;
using Flattr.Web.Api.Requests;
using Orleans;

namespace Flattr.Web.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the API's POSTs (Stripe's semantics): the first request with a key runs and its answer is kept
/// for 24 hours, success or refusal alike; a retry with the same key and the same request gets that answer again and runs
/// nothing; the same key on another request is 422, and while the first still runs a retry is 409. Answers of our own faults
/// (5xx) are not kept, so that a retry can run. Keys belong to the token's user.
/// </summary>
public sealed class IdempotencyFilter(IGrainFactory grains, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values) || ApiCaller.From(http).UserId is not { } userId)
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || !IdempotentRequest.IsValidKey(key))
        {
            return ApiErrors.Result(
                FlattrErrors.InvalidParameters, $"An {Header} is one value of 1 to {IdempotentRequest.MaximumKeyLength} printable ASCII characters.");
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = await ApiRequestBody.ReadBytesAsync(http);
        }
        catch (Exception e) when (ApiErrors.ForException(e) is { } refused)
        {
            return refused;
        }

        var request = new IdempotentRequest(userId, key, RequestFingerprint.Compute(http.Request, body.Span));
        var claim = await grains.GetIdempotency().Claim(request);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                return new StoredResponseResult(claim.Response!);
            case IdempotencyOutcome.InProgress:
                return ApiErrors.Result(ApiErrorCodes.IdempotencyKeyInUse, "A request with this Idempotency-Key is still running; retry shortly.");
            case IdempotencyOutcome.Mismatch:
                return ApiErrors.Result(ApiErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used for a different request.");
        }

        object? outcome;
        try
        {
            outcome = await next(context);
        }
        catch (Exception e) when (ApiErrors.ForException(e) is { } refused)
        {
            outcome = refused;
        }
        catch
        {
            await ReleaseAsync(request);
            throw;
        }

        if (outcome is not IResult result)
        {
            await ReleaseAsync(request);
            return outcome;
        }

        return await RunAndKeepAsync(http, request, result);
    }

    /// <summary>Writes the result into memory, keeps it with the key, then sends it.</summary>
    async Task<IResult> RunAndKeepAsync(HttpContext http, IdempotentRequest request, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        catch
        {
            await ReleaseAsync(request);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = new StoredResponse(
            http.Response.StatusCode,
            http.Response.ContentType ?? string.Empty,
            Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
            http.Response.Headers.Location.Count > 0 ? http.Response.Headers.Location.ToString() : null);
        await grains.GetIdempotency().Complete(request, response);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    async Task ReleaseAsync(IdempotentRequest request)
    {
        try
        {
            await grains.GetIdempotency().Release(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The key then stays locked for a minute and is taken over by the next retry.
            ApiLog.ReleaseFailed(logger, e);
        }
    }
}
