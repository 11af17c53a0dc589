using System.Globalization;

namespace Flattr.Web.Api.Requests;

/// <summary>Flattr's <c>page</c> (from 1) and <c>count</c> (default 30, at most 100) query parameters.</summary>
public readonly record struct ApiPaging(int Page, int Count)
{
    public const int DefaultCount = 30;
    public const int MaximumCount = 100;
    public const int MaximumPage = 100_000;

    /// <summary>Reads the paging of a request; garbage is <c>invalid_parameters</c>, never a silent default.</summary>
    public static ApiPaging From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = Number(request, "page", 1, 1, MaximumPage);
        var count = Number(request, "count", DefaultCount, 1, MaximumCount);
        return new ApiPaging(page, count);
    }

    static int Number(HttpRequest request, string name, int fallback, int minimum, int maximum)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new FlattrException(FlattrErrors.InvalidParameters, $"'{name}' must be a whole number from {minimum} to {maximum}.");
    }

    /// <summary>
    /// Adds an RFC 8288 <c>Link</c> header to the neighbouring pages of a listing with <paramref name="total"/> items (or more
    /// than that, with <paramref name="moreThanTotal"/>: a search that stopped counting).
    /// </summary>
    public void AddLinks(HttpContext http, long total, bool moreThanTotal = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        var links = new List<string>();
        if ((long)Page * Count < total || moreThanTotal)
        {
            links.Add($"<{PageUri(http.Request, Page + 1)}>; rel=\"next\"");
        }

        if (Page > 1)
        {
            links.Add($"<{PageUri(http.Request, Page - 1)}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            http.Response.Headers.Link = string.Join(", ", links);
        }
    }

    static string PageUri(HttpRequest request, int page)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return request.PathBase + request.Path + QueryString.Create(query);
    }
}
