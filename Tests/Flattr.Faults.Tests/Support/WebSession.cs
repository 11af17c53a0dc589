using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// One browser-like visitor of a Flattr app: its own cookies, no redirects followed, every request counted in <see cref="Tally"/>.
/// Optionally connects from another loopback address (127.0.0.x), so a test can be "many clients" on one machine.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    public const string FormTokenField = "__RequestVerificationToken";
    public const string TokenHeader = "X-Flattr-Antiforgery";

    readonly HttpClient _client;

    /// <param name="trustAnyCertificate">For the test's own self-signed TLS certificate only.</param>
    public WebSession(Uri baseUri, IPAddress? from = null, TimeSpan? timeout = null, bool trustAnyCertificate = false)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        BaseUri = baseUri;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = Cookies,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        };
        if (trustAnyCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        if (from is not null)
        {
            handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(from, context.DnsEndPoint, cancellationToken);
        }

        _client = new HttpClient(new CountingHandler(handler)) { BaseAddress = baseUri, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUri { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http => _client;

    /// <summary>The antiforgery token of a page's form (or of its meta tag for JSON posts).</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await _client.GetStringAsync(path);
        return FindToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    public static string? FindToken(string html)
    {
        var form = FormToken().Match(html);
        if (form.Success)
        {
            return WebUtility.HtmlDecode(form.Groups[1].Value);
        }

        var meta = MetaToken().Match(html);
        return meta.Success ? WebUtility.HtmlDecode(meta.Groups[1].Value) : null;
    }

    /// <summary>Signs in through the form; true when the app set the session cookie.</summary>
    public async Task<bool> SignInAsync(string login, string password)
    {
        using var response = await PostFormAsync("/signin", "/signin", new() { ["Login"] = login, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect && HasSession;
    }

    public bool HasSession => Cookies.GetCookies(BaseUri).Any(c => c.Name == "flattr.session");

    /// <summary>A personal access token of the signed-in member, made on the settings page as a person would.</summary>
    public async Task<string> CreateTokenAsync(params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var token = await TokenAsync("/settings/tokens");
        var fields = new List<KeyValuePair<string, string>> { new("Name", "faults"), new(FormTokenField, token) };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _client.PostAsync("/settings/tokens?handler=Create", content);
        var match = NewToken().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The settings page made no token.");
    }

    /// <summary>An API call with a bearer token and no cookies (the API never reads them).</summary>
    public static HttpRequestMessage ApiRequest(HttpMethod method, string path, string bearer, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>Posts a form with the antiforgery token read from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var token = await TokenAsync(formPage);
        var withToken = new Dictionary<string, string>(fields) { [FormTokenField] = token };
        using var content = new FormUrlEncodedContent(withToken);
        return await _client.PostAsync(action, content);
    }

    /// <summary>The first-party JSON flattr (the thing page's button), with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> FlattrAsync(long thingId, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/things/{thingId}/flattr");
        request.Headers.Add(TokenHeader, token);
        request.Headers.Accept.ParseAdd("application/json");
        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>The Flattr error code of a JSON error body, or null.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"flattr-antiforgery\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();

    [GeneratedRegex("<code id=\"new-token\" class=\"snippet\">([^<]+)</code>")]
    private static partial Regex NewToken();

    /// <summary>Counts every request that leaves a test.</summary>
    sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Tally.Request();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
