using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (the .NET SignalR client is not available here):
/// handshake, invocations, and the messages the server pushes.
/// </summary>
public sealed partial class HubWire : IAsyncDisposable
{
    const char Separator = '\u001e';
    readonly ClientWebSocket _socket = new();
    readonly StringBuilder _buffer = new();
    int _invocations;

    public static async Task<HubWire> ConnectAsync(FlattrApp app, TestUser? user)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await ConnectAsync(app.BaseUri, user is null ? null : await SignInAsync(app, user));
    }

    /// <summary>Connects with the cookies of a session signed in elsewhere (or anonymously without them).</summary>
    public static async Task<HubWire> ConnectAsync(Uri baseUri, CookieContainer? cookies)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var wire = new HubWire();
        if (cookies is not null)
        {
            wire._socket.Options.Cookies = cookies;
        }

        var uri = new UriBuilder(new Uri(baseUri, "/live")) { Scheme = "ws" }.Uri;
        await wire._socket.ConnectAsync(uri, CancellationToken.None);
        await wire.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await wire.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("{}", handshake);
        return wire;
    }

    /// <summary>Invokes a hub method and returns the completion's error, or null when it succeeded.</summary>
    public async Task<string?> InvokeAsync(string target, params object[] arguments)
    {
        var id = (++_invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync(TimeSpan.FromSeconds(10)));
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
            {
                return root.TryGetProperty("error", out var error) ? error.GetString() : null;
            }
        }
    }

    /// <summary>The next pushed invocation of <paramref name="target"/>'s first argument, or null after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement?> NextAsync(string target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string text;
            try
            {
                text = await ReceiveAsync(deadline - DateTime.UtcNow);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            using var message = JsonDocument.Parse(text);
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 1 && root.GetProperty("target").GetString() == target)
            {
                return root.GetProperty("arguments")[0].Clone();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        _socket.Dispose();
    }

    Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                var message = text[..end];
                // Pings (type 6) keep the connection alive; they are not what callers wait for.
                if (message.Contains("\"type\":6", StringComparison.Ordinal))
                {
                    continue;
                }

                return message;
            }

            var result = await _socket.ReceiveAsync(chunk, cancel.Token);
            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
        }
    }

    static async Task<CookieContainer> SignInAsync(FlattrApp app, TestUser user)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        var form = await client.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = user.Username, ["Password"] = FlattrApp.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
