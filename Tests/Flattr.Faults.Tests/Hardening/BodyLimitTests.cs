using System.Net.Sockets;
using System.Text;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// Body limits count the bytes actually read, not the announced Content-Length: a chunked 10 MiB body sent to the payment
/// webhook, a page's form or the API is stopped at the endpoint's limit and answered 413 with a Flattr error body. Sent over
/// a raw socket, as the app answers and closes long before the client is done sending.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class BodyLimitTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    const int TenMebibytes = 10 * 1024 * 1024;

    [Theory]
    [InlineData("/payments/sandbox/webhook", "application/json")]
    [InlineData("/signin", "application/x-www-form-urlencoded")]
    [InlineData("/rest/v2/things", "application/json")]
    public async Task A_chunked_ten_mebibyte_body_is_stopped_at_the_limit_and_answered_413_with_a_flattr_error_body(string path, string mediaType)
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
        output.WriteLine($"{path}: {sent} bytes of {TenMebibytes} sent before the app answered and closed");
        Tally.Request();

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"request_too_large\"", answer, StringComparison.Ordinal);
        Assert.True(sent < TenMebibytes, "the whole body was read");
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
            while (sent < TenMebibytes)
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
