using System.Net.Sockets;
using System.Text;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// Body limits count the bytes actually read, not the announced Content-Length: a chunked 32 MiB body sent to the payment
/// webhook, a page's form or the API is refused at the endpoint's limit with 413 and a Flattr error body, and the connection
/// is closed at Kestrel's discard bound, long before the client is done sending (so it is sent over a raw socket). A body over the limit but under
/// Kestrel's discard bound reaches an ordinary HTTP client's 413, which sends the whole body before it reads.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class BodyLimitTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    /// <summary>Four times Kestrel's discard bound (RequestInputGuard.DiscardBytes), more than the sockets' buffers hold.</summary>
    const int ThirtyTwoMebibytes = 32 * 1024 * 1024;

    [Theory]
    [InlineData("/payments/sandbox/webhook", "application/json")]
    [InlineData("/signin", "application/x-www-form-urlencoded")]
    [InlineData("/rest/v2/things", "application/json")]
    public async Task A_chunked_32_mebibyte_body_is_refused_at_the_limit_with_413_and_a_flattr_error_body_and_cut_off_unread(string path, string mediaType)
    {
        var authorization = path.StartsWith("/rest/", StringComparison.Ordinal)
            ? $"Authorization: Bearer {await App.TokenAsync(await App.App.CreateUserAsync("bodylimit"), Flattr.Api.ApiScopes.Thing)}\r\n"
            : string.Empty;
        var before = await App.FingerprintAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(App.BaseUri.Host, App.BaseUri.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {App.BaseUri.Authority}\r\nTransfer-Encoding: chunked\r\nContent-Type: {mediaType}\r\n" +
                   authorization + "Accept: application/json\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var sending = SendChunksAsync(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var sent = await sending;
        output.WriteLine($"{path}: {sent} bytes of {ThirtyTwoMebibytes} sent before the app answered and closed");
        Tally.Request();

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"request_too_large\"", answer, StringComparison.Ordinal);
        Assert.True(sent < ThirtyTwoMebibytes, "the whole body was read");
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    [Theory]
    [InlineData("/payments/sandbox/webhook", "application/json", 7, 413, "request_too_large")]
    [InlineData("/signin", "application/x-www-form-urlencoded", 7, 413, "request_too_large")]
    [InlineData("/rest/v2/things", "application/json", 7, 413, "request_too_large")]
    [InlineData("/rest/v2/things/NaN", "application/json", 7, 404, "not_found")]
    public async Task A_body_over_the_limit_sent_whole_by_an_ordinary_client_gets_its_refusal_not_a_broken_connection(string path, string mediaType,
        int mebibytes, int status, string error)
    {
        using var session = App.ApiClient();
        var body = new ByteArrayContent(Enumerable.Repeat((byte)'a', mebibytes * 1024 * 1024).ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        if (path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new("Bearer", await App.TokenAsync(await App.App.CreateUserAsync("bodylimit"), Flattr.Api.ApiScopes.Thing));
        }

        var before = await App.FingerprintAsync();
        using var response = await session.Http.SendAsync(request);
        Tally.Request();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains($"\"error\":\"{error}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    /// <summary>Writes 64 KiB chunks until 10 MiB are sent or the app closes the connection; the bytes written.</summary>
    static async Task<long> SendChunksAsync(NetworkStream stream)
    {
        var data = new byte[64 * 1024];
        Array.Fill(data, (byte)'a');
        var header = Encoding.ASCII.GetBytes($"{data.Length:x}\r\n");
        var crlf = "\r\n"u8.ToArray();
        long sent = 0;
        try
        {
            while (sent < ThirtyTwoMebibytes)
            {
                await stream.WriteAsync(header);
                await stream.WriteAsync(data);
                await stream.WriteAsync(crlf);
                sent += data.Length;
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The app answered and closed the connection: what it read was bounded.
        }

        return sent;
    }
}
