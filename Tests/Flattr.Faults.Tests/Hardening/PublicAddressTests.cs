using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// Absolute URLs come from the configured public address only: a request naming another host is refused by host filtering
/// (and mails nothing), and under an allowed alias the links, snippets and e-mails still name the public address.
/// </summary>
[Collection(ProductionAppCollection.Name)]
public sealed class PublicAddressTests(ProductionApp app)
{
    [Fact]
    public async Task A_sign_up_naming_a_host_that_is_not_allowed_is_refused_and_mails_nobody()
    {
        var email = await RegisteredEmailAsync();
        var page = await app.SendAsync("GET", "/signup", IPAddress.Loopback, host: "evil.example");
        Assert.Equal(400, page.Status);
        var post = await app.SendAsync("POST", "/signup", IPAddress.Loopback, host: "evil.example",
            form: $"Username=evil{Guid.NewGuid():N}"[..20] + "&Email=" + Uri.EscapeDataString(email) + "&Password=correct+horse+battery");
        Assert.Equal(400, post.Status);
        Assert.DoesNotContain(Outbox.Messages, m => m.To == email);
        Tally.Check(2);
    }

    [Fact]
    public async Task A_sign_up_with_a_registered_email_under_an_alias_host_mails_a_link_to_the_public_address()
    {
        var email = await RegisteredEmailAsync();
        var page = await app.SendAsync("GET", "/signup", IPAddress.Loopback, host: ProductionApp.AliasHost);
        Assert.Equal(200, page.Status);
        var token = WebSession.FindToken(page.Body)!;
        var cookie = string.Join("; ", page.SetCookies.Select(c => c.Split(';')[0]));
        var form = $"Username=taken{Guid.NewGuid():N}"[..24] + "&Email=" + Uri.EscapeDataString(email) + "&Password=correct+horse+battery&"
            + WebSession.FormTokenField + "=" + Uri.EscapeDataString(token);
        var post = await app.SendAsync("POST", "/signup", IPAddress.Loopback, host: ProductionApp.AliasHost,
            headers: new Dictionary<string, string> { ["Cookie"] = cookie }, form: form);
        Assert.Equal(302, post.Status);
        var mail = Assert.Single(Outbox.Messages, m => m.To == email);
        Assert.Contains(ProductionApp.PublicBaseUrl + "signin", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ProductionApp.AliasHost, mail.Body, StringComparison.Ordinal);
        Tally.Check(2);
    }

    [Fact]
    public async Task A_thing_page_under_an_alias_host_links_and_embeds_the_public_address()
    {
        var owner = await app.Grains.GetUserDirectory().Register(new SignUp($"owner{Guid.NewGuid():N}"[..20], $"{Guid.NewGuid():N}@example.org",
            "Owner", "en_GB", "unused-hash"));
        var thing = await app.Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(
            $"https://example.org/{Guid.NewGuid():N}", "A thing", "Words.", ThingCategories.Text, "en_GB", []));
        var page = await app.SendAsync("GET", $"/things/{thing.Id}", IPAddress.Loopback, host: ProductionApp.AliasHost);
        Assert.Equal(200, page.Status);
        Assert.Contains($"{ProductionApp.PublicBaseUrl}things/{thing.Id}", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ProductionApp.AliasHost, page.Body, StringComparison.Ordinal);
        Tally.Check();
    }

    OutboxEmailSender Outbox => app.Services.GetRequiredService<OutboxEmailSender>();

    async Task<string> RegisteredEmailAsync()
    {
        var email = $"owner{Guid.NewGuid():N}@example.org";
        await app.Grains.GetUserDirectory().Register(new SignUp($"reg{Guid.NewGuid():N}"[..20], email, "Owner", "en_GB", "unused-hash"));
        return email;
    }
}
