using Flattr.Things;
using Flattr.Web.Button;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// Every page a person can reach, with data in it: a creator with things (long titles, tags), a giver who flattred them
/// (so /me lists clicks with their Undo buttons) and owns a thing (so the dashboard and the edit page have content).
/// </summary>
public sealed record SitePages(TestUser Giver, IReadOnlyList<string> SignedOut, IReadOnlyList<string> SignedIn)
{
    public static async Task<SitePages> CreateAsync(FlattrApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var creator = await app.CreateUserAsync("pagescreator");
        var giver = await app.CreateUserAsync("pagesgiver", depositCents: 2000);
        var registry = app.Grains.GetThingRegistry();
        var tag = "tag" + Guid.NewGuid().ToString("N")[..8];
        var things = new List<ThingSnapshot>();
        for (var i = 0; i < 3; i++)
        {
            var info = await registry.Register(creator.Id, new ThingSubmission(
                $"https://pages.example.org/a-rather-long-address/of-a-post-{Guid.NewGuid():N}",
                $"Ein ziemlich langer Titel über Gemütlichkeit, Datenschutzgrundverordnung und Donaudampfschifffahrt {i}",
                Description: "Une description assez longue pour remplir une carte entière sur un petit écran de téléphone.",
                Category: "text", Tags: [tag, "Rechtsschutzversicherungsgesellschaften", "photographie"]));
            await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(info.Id, anonymous: false);
            things.Add(await app.Grains.GetThing(info.Id).GetSnapshot());
        }

        var own = await registry.Register(giver.Id, new ThingSubmission($"https://pages.example.org/own-{Guid.NewGuid():N}", "The giver's own thing"));
        var thing = things[0].Info;
        var month = Month.Current(app.Services.GetRequiredService<TimeProvider>());
        var autoSubmit = "/submit/auto?user_id=" + creator.Username + "&url=" + Uri.EscapeDataString("https://pages.example.org/new-" + Guid.NewGuid().ToString("N"))
            + "&title=" + Uri.EscapeDataString("A post not yet on Flattr") + "&category=text";
        string[] signedOut =
        [
            "/", "/trending", "/browse", "/activity", "/search?q=Gem%C3%BCtlichkeit", "/tags/" + tag, "/profile/" + creator.Username,
            "/things/" + thing.Id, "/signin", "/signup", "/signup/check-inbox", "/verify?token=nonsense", "/dev/outbox", autoSubmit,
            "/button/confirm?thing=" + thing.Id, "/error?status=429", "/no/such/page",
        ];
        string[] signedIn =
        [
            "/", "/me", "/dashboard", "/things/new", "/things/" + own.Id + "/edit", "/things/" + thing.Id, "/settings/tokens",
            "/settings/applications", "/me/statements/" + month, "/button/confirm?thing=" + things[1].Info.Id,
        ];
        return new SitePages(giver, signedOut, signedIn);
    }
}
