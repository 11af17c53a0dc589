using System.Globalization;
using Flattr.Web.Hosting;
using Flattr.Web.Localization;
using Humanizer;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>
/// The page a person sees for every error status (400, 403, 404, 405, 413, 429, 500, 503…), in the site's layout and their
/// language, with the wait of a Retry-After in words and a way back. No stack traces outside Development.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>"Please try again in 2 minutes." when the answer carries Retry-After.</summary>
    public string? RetryAfter { get; private set; }

    /// <summary>The page the person came from, to go back to (for a failed form, the form again).</summary>
    public string? BackUrl { get; private set; }

    public void OnGet(int? status) => Describe(status);

    /// <summary>A failed form post is re-executed here with its method: show the same page.</summary>
    public void OnPost(int? status) => Describe(status);

    public void OnPut(int? status) => Describe(status);

    public void OnDelete(int? status) => Describe(status);

    public void OnPatch(int? status) => Describe(status);

    void Describe(int? status)
    {
        Status = status ?? 500;
        var texts = Texts.Current;
        (Title, Body) = Status switch
        {
            400 => (texts.ErrorBadRequestTitle, texts.ErrorBadRequestBody),
            401 or 403 => (texts.ErrorForbiddenTitle, texts.ErrorForbiddenBody),
            404 or 410 => (texts.NotFoundTitle, texts.NotFoundBody),
            405 => (texts.ErrorMethodTitle, texts.ErrorMethodBody),
            413 => (texts.ErrorTooLargeTitle, texts.ErrorTooLargeBody),
            429 => (texts.ErrorTooManyTitle, texts.ErrorTooManyBody),
            503 => (texts.ErrorUnavailableTitle, texts.ErrorUnavailable),
            _ => (texts.ErrorTitle, texts.ErrorBody),
        };

        // A middleware's own sentence (a refused rule, an expired form) says more than the status's.
        if (ErrorResponses.Description(HttpContext) is { Length: > 0 } description && Status is not (429 or 503))
        {
            Body = description;
        }

        if (Wait(Response.Headers.RetryAfter.ToString()) is { } wait)
        {
            RetryAfter = string.Format(CultureInfo.CurrentCulture, texts.ErrorRetryAfter,
                wait.Humanize(precision: 1, culture: CultureInfo.CurrentUICulture, minUnit: TimeUnit.Second, maxUnit: TimeUnit.Hour));
        }

        // Back to where the person was (a failed form: the form again), on this site only: never "//elsewhere".
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original && Status is not (404 or 410 or 403 or 401)
            && original.OriginalPath is ['/', not ('/' or '\\'), ..])
        {
            BackUrl = original.OriginalPath + (HttpMethods.IsGet(Request.Method) ? original.OriginalQueryString : "");
        }
    }

    /// <summary>The wait a Retry-After names: delay-seconds or an HTTP date.</summary>
    TimeSpan? Wait(string retryAfter)
    {
        if (long.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(1, seconds));
        }

        var now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now
            ? at - now
            : null;
    }
}
