using System.Net;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Claims;

/// <summary>
/// Fetches a claimed page with the <see cref="ClaimsSetup.HttpClientName"/> client, whose connect callback refuses non-public
/// addresses (<see cref="ClaimsSetup"/>). Redirects are followed here, at most <see cref="ClaimOptions.MaximumRedirects"/>,
/// so each hop is an ordinary request the callback checks; at most <see cref="ClaimOptions.MaximumBytes"/> are read of an
/// answer, whatever its Content-Length says. The caller's token carries the time-out.
/// </summary>
public sealed class PageFetcher(IHttpClientFactory clients, IOptions<ClaimOptions> options)
{
    public async Task<FetchedPage> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var limits = options.Value;
        var client = clients.CreateClient(ClaimsSetup.HttpClientName);
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            if (!current.IsAbsoluteUri || (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps))
            {
                throw new ClaimFetchException(ClaimFailure.Unreachable);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.ParseAdd("text/html, text/plain;q=0.9, */*;q=0.1");
            using var response = await SendAsync(client, request, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (redirects >= limits.MaximumRedirects)
                {
                    throw new ClaimFetchException(ClaimFailure.TooManyRedirects);
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ClaimFetchException(ClaimFailure.BadStatus);
            }

            if (response.Content.Headers.ContentLength > limits.MaximumBytes)
            {
                throw new ClaimFetchException(ClaimFailure.TooLarge);
            }

            var body = await ReadBoundedAsync(response.Content, limits.MaximumBytes, cancellationToken);
            var type = response.Content.Headers.ContentType;
            return new FetchedPage(current, type?.MediaType, type?.CharSet, body);
        }
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is NonPublicAddressException)
        {
            throw new ClaimFetchException(ClaimFailure.NotPublic, e);
        }
        catch (HttpRequestException e)
        {
            throw new ClaimFetchException(ClaimFailure.Unreachable, e);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; one more means the answer is too large.</summary>
    static async Task<byte[]> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
            using var body = new MemoryStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw new ClaimFetchException(ClaimFailure.TooLarge);
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new ClaimFetchException(ClaimFailure.Unreachable, e);
        }
    }

    static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
