using System.Threading.Channels;
using Flattr.Live;

namespace Flattr.Grains.Tests.Grains;

public sealed class CreatorIncomeTests(FlattrSilo silo) : IClassFixture<FlattrSilo>
{
    Month Now => Month.Current(silo.Clock);

    [Fact]
    public async Task A_watching_creator_gets_one_giver_one_click_and_the_income_with_the_first_click()
    {
        var giver = await silo.CreateGiverAsync(budgetCents: 500);
        var owner = await silo.CreateUserAsync();
        var thing = await silo.CreateThingAsync(owner);
        var watcher = new IncomeWatcher();
        var reference = silo.Grains.CreateObjectReference<ICreatorObserver>(watcher);
        await silo.Grains.GetCreator(owner).Watch(reference);

        await silo.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false);

        var (flattr, income) = await watcher.NextAsync();
        Assert.Equal((FlattrEventKind.Flattr, thing), (flattr.Kind, flattr.ThingId));
        Assert.Equal((500L, 1L, 1), (income.ExpectedIncomeCents, income.ClicksThisMonth, income.Givers));
        Assert.Equal(income, await silo.Grains.GetCreator(owner).GetIncome());
        silo.Grains.DeleteObjectReference<ICreatorObserver>(watcher);
    }

    sealed class IncomeWatcher : ICreatorObserver
    {
        readonly Channel<(FlattrEvent, CreatorIncome)> _received = Channel.CreateUnbounded<(FlattrEvent, CreatorIncome)>();

        public Task OnFlattr(FlattrEvent flattr, CreatorIncome income)
        {
            _received.Writer.TryWrite((flattr, income));
            return Task.CompletedTask;
        }

        public async Task<(FlattrEvent Flattr, CreatorIncome Income)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _received.Reader.ReadAsync(timeout.Token);
        }
    }
}
