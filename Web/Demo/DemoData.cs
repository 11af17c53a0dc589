using System.Collections.Immutable;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Demo;

/// <summary>
/// The sample world: creators with things in three languages and givers with money and budgets. Created once per database
/// (it checks for the first sample creator), through the same grains as real sign-ups and top-ups.
/// </summary>
public sealed partial class DemoData(IGrainFactory grains, PasswordChecker passwords, IOptions<DemoOptions> options, ILogger<DemoData> logger)
{
    static readonly (string Username, string Name, string Language)[] Creators =
    [
        ("amelie", "Amélie Laurent", "fr_FR"), ("jonas", "Jonas Becker", "de_DE"), ("maya", "Maya Patel", "en_GB"),
        ("lucas", "Lucas Moreau", "fr_FR"), ("greta", "Greta Schulz", "de_DE"), ("oliver", "Oliver Hughes", "en_GB"),
    ];

    static readonly (int Creator, string Title, string Category, string Tags)[] Things =
    [
        (0, "Carnets de voyage en Bretagne", "text", "voyage,photo"), (0, "Podcast : la cuisine du dimanche", "audio", "cuisine,podcast"),
        (1, "Freie Software im Alltag", "text", "software,linux"), (1, "Berliner Straßenfotografie", "images", "foto,berlin"),
        (2, "A field guide to urban birds", "text", "birds,nature"), (2, "Lo-fi beats for focused work", "audio", "music,lofi"),
        (3, "Tutoriel : premiers pas en Rust", "video", "rust,programmation"), (3, "Bandes dessinées du mardi", "images", "bd,humour"),
        (4, "Wanderungen im Schwarzwald", "video", "wandern,natur"), (4, "Ein kleiner Texteditor in C#", "software", "csharp,editor"),
        (5, "Weekly notes on open source", "text", "opensource,newsletter"), (5, "Sketching the city at night", "images", "drawing,city"),
        (2, "Sourdough for impatient people", "video", "baking,bread"), (5, "Tiny games for the terminal", "software", "games,terminal"),
    ];

    const int Givers = 24;

    public ImmutableArray<long> GiverIds { get; private set; } = [];

    public ImmutableArray<long> ThingIds { get; private set; } = [];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var directory = grains.GetUserDirectory();
        var hash = await passwords.HashAsync(options.Value.Password, cancellationToken);
        var creatorIds = new List<long>();
        foreach (var (username, name, language) in Creators)
        {
            creatorIds.Add(await EnsureUserAsync(directory, username, name, language, hash));
        }

        var thingIds = new List<long>();
        var registry = grains.GetThingRegistry();
        foreach (var (creator, title, category, tags) in Things)
        {
            var url = "https://" + Creators[creator].Username + ".example.org/" + Slug(title);
            var id = await registry.LookupByUrl(url);
            if (id is null)
            {
                var info = await registry.Register(creatorIds[creator], new ThingSubmission(
                    url, title, "A sample thing of the Flattr demo.", category, Creators[creator].Language, [.. tags.Split(',')]));
                id = info.Id;
            }

            thingIds.Add(id.Value);
        }

        var giverIds = new List<long>();
        for (var i = 1; i <= Givers; i++)
        {
            var username = "giver" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var existed = await directory.FindByUsername(username) is not null;
            var id = await EnsureUserAsync(directory, username, "Giver " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "en_GB", hash);
            if (!existed)
            {
                var payments = grains.GetSandboxPayments();
                await payments.ReceiveWebhook(await payments.CreateSandboxPayment(id, 2000 + (i * 100)));
                await grains.GetUser(id).SetBudget(i % 3 == 0 ? 1000 : 500);
            }

            giverIds.Add(id);
        }

        GiverIds = [.. giverIds];
        ThingIds = [.. thingIds];
        LogReady(logger, creatorIds.Count, thingIds.Count, giverIds.Count, options.Value.Password);
    }

    async Task<long> EnsureUserAsync(IUserDirectoryGrain directory, string username, string name, string language, string hash)
    {
        if (await directory.FindByUsername(username) is { } existing)
        {
            return existing;
        }

        var profile = await directory.Register(new SignUp(username, username + "@demo.flattr.invalid", name, language, hash));
        await grains.GetUser(profile.Id).MarkEmailVerified();
        return profile.Id;
    }

    static string Slug(string title) =>
        new([.. title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo data ready: {Creators} creators, {Things} things, {Givers} givers; sign in as any of them with the password {Password}")]
    static partial void LogReady(ILogger logger, int creators, int things, int givers, string password);
}
