using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// Ids nobody registered cost one look-up and leave nothing behind: a crawler (or an attacker) walking
/// <c>/things/N/button.svg</c> through millions of ids must not fill the silo with activations for its collection age.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class UnknownIdTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Badges_and_pages_of_unknown_thing_ids_leave_no_grain_activation_behind()
    {
        using var visitor = App.Visitor();

        // The count sees thing activations at all: a registered thing's badge activates its grain (kept for the collection age).
        var owner = await App.App.CreateUserAsync("unknownowner");
        var known = await App.CreateThingAsync(owner);
        using (var knownBadge = await visitor.Http.GetAsync($"/things/{known}/button.svg"))
        {
            Assert.Equal(HttpStatusCode.OK, knownBadge.StatusCode);
        }

        var before = await ThingActivationsAsync();
        Assert.True(before >= 1, "the registered thing's grain is not among the activations Orleans reports");
        var start = 900_000_000L + Random.Shared.Next(1_000_000);
        for (var id = start; id < start + 100; id++)
        {
            using var badge = await visitor.Http.GetAsync($"/things/{id}/button.svg");
            Assert.Equal(HttpStatusCode.OK, badge.StatusCode);
            using var page = await visitor.Http.GetAsync($"/things/{id}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        // Deactivation follows the call that found nothing; give it a moment, never the 15 minutes of idle collection.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await ThingActivationsAsync() > before + 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.InRange(await ThingActivationsAsync(), 0, before + 5);
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    async Task<int> ThingActivationsAsync() => (await App.ActivationsByTypeAsync()).GetValueOrDefault("Thing");
}
