using Flattr.Settlement;
using Flattr.Things;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// A claimed thing changes hands in the ledger's terms: what was settled stays with the previous owner, the open month pays the
/// new owner, and a month that had ended but was not yet settled when the claim came pays the owner of that month.
/// </summary>
public sealed class ThingClaimSettlementTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Fact]
    public async Task Settlements_after_claims_pay_the_owner_of_each_month_and_the_ledger_audit_is_OK()
    {
        var first = await cluster.CreateUserAsync("registrar");
        var claimant = await cluster.CreateUserAsync("author");
        var later = await cluster.CreateUserAsync("buyer");
        var thing = await cluster.CreateThingAsync(first);
        var giver = await cluster.CreateGiverAsync(budgetCents: 500, depositCents: 2000);

        // Month 1: the first owner is paid.
        var one = Month.Current(cluster.Clock);
        await cluster.Grains.GetWallet(giver, one).Flattr(thing, anonymous: false);
        cluster.Clock.SetUtcNow(one.End + TimeSpan.FromMinutes(1));
        Assert.Equal(SettlementState.Done, (await cluster.Grains.GetSettlement(one).Run()).State);
        Assert.Equal(500, await cluster.Grains.GetUser(first).GetBalance());

        // Month 2: a click, then the author claims the thing while the month is open; its counts stay with it.
        var two = one.Next();
        cluster.Clock.SetUtcNow(two.Start + TimeSpan.FromDays(10));
        await cluster.Grains.GetWallet(giver, two).Flattr(thing, anonymous: false);
        var before = await cluster.Grains.GetThing(thing).GetCounts();
        var transfer = await cluster.Grains.GetThing(thing).TransferOwnership(
            new OwnershipClaim(claimant, ClaimMethod.OwnerMeta, "https://example.org/post"));
        Assert.Equal(first, transfer.PreviousOwnerId);
        Assert.Equal(claimant, transfer.Thing.OwnerId);
        Assert.Equal(claimant, (await cluster.Grains.GetThing(thing).GetInfo()).OwnerId);
        var after = await cluster.Grains.GetThing(thing).GetCounts();
        Assert.Equal((before.ThisMonth, before.Total), (after.ThisMonth, after.Total));

        cluster.Clock.SetUtcNow(two.End + TimeSpan.FromMinutes(1));
        Assert.Equal(SettlementState.Done, (await cluster.Grains.GetSettlement(two).Run()).State);
        Assert.Equal(500, await cluster.Grains.GetUser(first).GetBalance());
        Assert.Equal(500, await cluster.Grains.GetUser(claimant).GetBalance());

        // Month 3: a click, the month ends, and only then someone else claims the thing: month 3 still pays the author.
        var three = two.Next();
        cluster.Clock.SetUtcNow(three.Start + TimeSpan.FromDays(10));
        await cluster.Grains.GetWallet(giver, three).Flattr(thing, anonymous: false);
        cluster.Clock.SetUtcNow(three.End + TimeSpan.FromMinutes(1));
        await cluster.Grains.GetThing(thing).TransferOwnership(new OwnershipClaim(later, ClaimMethod.WellKnown, "https://example.org/.well-known/flattr"));
        Assert.Equal(SettlementState.Done, (await cluster.Grains.GetSettlement(three).Run()).State);
        Assert.Equal(500, await cluster.Grains.GetUser(first).GetBalance());
        Assert.Equal(1000, await cluster.Grains.GetUser(claimant).GetBalance());
        Assert.Equal(0, await cluster.Grains.GetUser(later).GetBalance());
        Assert.Equal(2, await cluster.ScalarAsync("SELECT count(*) FROM thing_claims WHERE thing_id = $1", thing));
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_claimant_who_flattred_the_thing_in_the_open_month_is_refused_and_the_thing_stays()
    {
        var owner = await cluster.CreateUserAsync("registrar");
        var thing = await cluster.CreateThingAsync(owner);
        var claimant = await cluster.CreateGiverAsync();
        await cluster.Grains.GetWallet(claimant, Month.Current(cluster.Clock)).Flattr(thing, anonymous: false);

        var refused = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetThing(thing).TransferOwnership(
            new OwnershipClaim(claimant, ClaimMethod.PaymentLink, "https://example.org/post")));

        Assert.Equal(FlattrErrors.Validation, refused.Code);
        Assert.Equal(owner, (await cluster.Grains.GetThing(thing).GetInfo()).OwnerId);
        Assert.Equal(0, await cluster.ScalarAsync("SELECT count(*) FROM thing_claims WHERE thing_id = $1", thing));
        var again = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetThing(thing).TransferOwnership(
            new OwnershipClaim(owner, ClaimMethod.PaymentLink, "https://example.org/post")));
        Assert.Equal(FlattrErrors.Conflict, again.Code);
    }
}
