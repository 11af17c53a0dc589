using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// The mail outbox (shown in demo mode and Development) holds other people's sign-in and verification links: it answers only a
/// client on this machine, judged by the connection's address after forwarded headers, so nginx passing on a remote client's
/// request does not make it local.
/// </summary>
[Collection(ProductionAppCollection.Name)]
public sealed class OutboxAccessTests(ProductionApp app)
{
    [Fact]
    public async Task The_outbox_answers_a_client_on_this_machine()
    {
        var answer = await app.SendAsync("GET", "/dev/outbox", IPAddress.Loopback);
        Assert.Equal(200, answer.Status);
        Tally.Check();
    }

    [Fact]
    public async Task The_outbox_is_not_found_for_a_remote_client()
    {
        var answer = await app.SendAsync("GET", "/dev/outbox", ProductionApp.Remote);
        Assert.Equal(404, answer.Status);
        Tally.Check();
    }

    [Fact]
    public async Task The_outbox_is_not_found_for_a_remote_client_forwarded_by_a_local_proxy()
    {
        var answer = await app.SendAsync("GET", "/dev/outbox", IPAddress.Loopback,
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = ProductionApp.Remote.ToString() });
        Assert.Equal(404, answer.Status);
        Tally.Check();
    }
}
