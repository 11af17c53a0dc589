using System.Net;
using System.Text.RegularExpressions;

namespace Flattr.Benchmarks.Hosting;

/// <summary>A signed-in browser session: its cookies and (for givers) the antiforgery token the app's pages send with flattrs.</summary>
public sealed record SignedInUser(long Id, string Username, string Cookie, string Token);

/// <summary>
/// Signs users in through the app's own sign-in page, as a browser does: GET /signin for the form's antiforgery token, POST the
/// credentials, then GET /me for the token a signed-in page carries (it is bound to the user). Costs one password check each
/// (PBKDF2, a large fraction of a CPU-second), which is why the population is sized in hundreds, not thousands.
/// </summary>
public static partial class SignIns
{
    public static async Task<IReadOnlyList<SignedInUser>> SignInAllAsync(Uri baseAddress, IEnumerable<(long Id, string Username)> users,
        string password, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<long, SignedInUser>();
        var list = users.ToList();
        await Parallel.ForEachAsync(list, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (user, ct) => results[user.Id] = await SignInAsync(baseAddress, user.Id, user.Username, password, ct));
        return [.. list.Select(u => results[u.Id])];
    }

    static async Task<SignedInUser> SignInAsync(Uri baseAddress, long id, string username, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await client.GetStringAsync(new Uri("signin", UriKind.Relative), cancellationToken);
        var formToken = FormToken().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var credentials = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = formToken,
        });
        using (var signIn = await client.PostAsync(new Uri("signin", UriKind.Relative), credentials, cancellationToken))
        {
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in {username} answered {(int)signIn.StatusCode}, not a redirect.");
            }
        }

        var page = await client.GetStringAsync(new Uri("me", UriKind.Relative), cancellationToken);
        var token = PageToken().Match(page) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value)
            : throw new InvalidOperationException($"/me for {username} carries no antiforgery token.");
        var cookie = cookies.GetCookieHeader(baseAddress);
        if (!cookie.Contains("flattr.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in {username} set no session cookie.");
        }

        return new SignedInUser(id, username, cookie, token);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex FormToken();

    [GeneratedRegex("""<meta name="flattr-antiforgery" content="([^"]+)">""")]
    private static partial Regex PageToken();
}
