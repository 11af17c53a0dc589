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

    [Fact]
    public async Task Daily_figures_count_each_click_on_its_day_and_add_up_to_the_monthly_expected_income()
    {
        var creator = await silo.CreateUserAsync("creator");
        var other = await silo.CreateUserAsync("creator");
        var first = await silo.CreateThingAsync(creator);
        var second = await silo.CreateThingAsync(creator);
        var elsewhere = await silo.CreateThingAsync(other);
        var five = await silo.CreateGiverAsync(budgetCents: 500);
        var two = await silo.CreateGiverAsync(budgetCents: 200);
        var month = Now;
        var firstDay = DateOnly.FromDateTime(silo.Clock.GetUtcNow().UtcDateTime);

        await silo.Grains.GetWallet(five, month).Flattr(first, anonymous: false);
        silo.Clock.Advance(TimeSpan.FromDays(1));
        // The click elsewhere first: the live estimate hears of it only at its next rebuild, and is compared below.
        await silo.Grains.GetWallet(five, month).Flattr(elsewhere, anonymous: false);
        await silo.Grains.GetWallet(five, month).Flattr(second, anonymous: true);
        await silo.Grains.GetWallet(two, month).Flattr(second, anonymous: false);

        var daily = await silo.Grains.GetCreator(creator).GetDaily(month);

        Assert.Equal(DateTime.DaysInMonth(month.Year, month.Number), daily.Length);
        Assert.Equal(month.FirstDay, daily[0].Day);
        // The €5 giver's two clicks here of three are worth 500 × 2 / 3 = 333: 166 on the first day, the rest on the second.
        Assert.Equal(new CreatorDay(firstDay, 1, 166), daily.Single(d => d.Day == firstDay));
        Assert.Equal(new CreatorDay(firstDay.AddDays(1), 2, 167 + 200), daily.Single(d => d.Day == firstDay.AddDays(1)));
        Assert.All(daily.Where(d => d.Day < firstDay || d.Day > firstDay.AddDays(1)), d => Assert.Equal((0L, 0L), (d.Clicks, d.ExpectedIncomeCents)));
        var income = await silo.Grains.GetCreator(creator).GetIncome();
        Assert.Equal((income.ClicksThisMonth, income.ExpectedIncomeCents), (daily.Sum(d => d.Clicks), daily.Sum(d => d.ExpectedIncomeCents)));
        Assert.All(await silo.Grains.GetCreator(creator).GetDaily(month.Previous()), d => Assert.Equal(0, d.Clicks));
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
