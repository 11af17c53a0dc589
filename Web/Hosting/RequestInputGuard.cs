using Flattr.Web.Api.Errors;
using Microsoft.AspNetCore.Http.Metadata;

namespace Flattr.Web.Hosting;

/// <summary>
/// Input checks at the edge, before any page, endpoint or grain sees a request:
/// <list type="bullet">
/// <item>the NUL character (U+0000), which PostgreSQL text refuses, in the path, the query or a form field answers
/// 400 <c>invalid_parameters</c> (the API checks its JSON bodies itself, <c>ApiRequestBody</c>);</item>
/// <item>the bytes of a body actually read are limited, chunked or not: to the endpoint's own <c>[RequestSizeLimit]</c>
/// (the avatar upload), else <see cref="MaxFormBytes"/> for a form, else <see cref="MaxBodyBytes"/> (the API and the webhook
/// limit theirs further); a form over its limit is answered 413 <c>request_too_large</c>.</item>
/// </list>
/// The app never reads past its limit, but Kestrel reads and discards the rest of a refused body up to
/// <see cref="DiscardBytes"/> (nginx refuses more than 2 MiB in front of it), so that the client, which sends its whole body
/// before it reads the answer, receives the 413 rather than a reset connection. Past that, Kestrel closes the connection.
/// Refusals carry Flattr's error body (<see cref="ErrorResponses"/>). A form is buffered, so an endpoint that reads the raw
/// body (the API, the payment webhook) still reads all of it.
/// </summary>
public sealed class RequestInputGuard(RequestDelegate next)
{
    /// <summary>The most of any request body the app reads.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Kestrel's limit for any request body: what it reads, discarding the rest of a body the app refused.</summary>
    public const long DiscardBytes = 8 * 1024 * 1024;

    /// <summary>A page's form: the longest field (a thing's description) is a few thousand characters.</summary>
    public const long MaxFormBytes = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HasNul(request.Path.Value) || request.Query.Any(q => HasNul(q.Key) || q.Value.Any(HasNul)))
        {
            await RefuseCharactersAsync(context);
            return;
        }

        // An endpoint that takes more (an upload form's [RequestSizeLimit]) says so in its metadata; routing ran first.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? (request.HasFormContentType ? MaxFormBytes : MaxBodyBytes);
        request.Body = new LimitedRequestBody(request.Body, limit);
        if (request.HasFormContentType)
        {
            request.EnableBuffering();
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e) when (e.InnerException is InvalidOperationException)
            {
                // The form's own decoder refuses what it cannot decode, %00 among them.
                await RefuseCharactersAsync(context);
                return;
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.RequestTooLarge,
                    Localization.Texts.Current.ErrorRequestTooLarge, context.RequestAborted);
                return;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // A malformed body (a multipart form cut short or without a boundary, a bad chunk): the caller's mistake, answered like a NUL.
                await RefuseCharactersAsync(context);
                return;
            }

            request.Body.Position = 0;
            if (form.Any(f => HasNul(f.Key) || f.Value.Any(HasNul)))
            {
                await RefuseCharactersAsync(context);
                return;
            }
        }

        await next(context);
    }

    static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    static Task RefuseCharactersAsync(HttpContext context) =>
        ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, FlattrErrors.InvalidParameters,
            Localization.Texts.Current.ErrorInvalidCharacters, context.RequestAborted);
}
