using Flattr.Payouts;
using Flattr.Testing;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Operations;

/// <summary>
/// Flattr's own meter, read as an operator reads it (Prometheus text at /metrics) while clicks, a live watcher, deposits, a
/// month's settlement and a payout run through the app: each instrument moves. The meter is process-wide and other apps of
/// this test process count on it too, so the test compares its own before and after and asks for at least its own moves.
/// </summary>
public sealed class FlattrMetricsTests : IAsyncLifetime
{
    // Its own app: the test moves the app's clock past the month's end.
    readonly OperationsApp ops = new();

    public Task InitializeAsync() => ops.InitializeAsync();

    public Task DisposeAsync() => ops.DisposeAsync();

    static readonly string[] Moving =
    [
        "flattr_clicks_accepted_total",
        "flattr_click_batch_size_count",
        "flattr_click_batch_commit_duration_seconds_count",
        "flattr_live_pushes_total",
        "flattr_deposits_total",
        "flattr_deposits_amount_total",
        "flattr_payouts_total",
        "flattr_payouts_amount_total",
        "flattr_settlement_batches_total",
        "flattr_settlement_givers_total",
        "flattr_settlement_months_total",
    ];

    [Fact]
    public async Task Each_flattr_instrument_moves_in_the_prometheus_text_as_clicks_pushes_money_and_settlement_run()
    {
        var app = ops.App;
        var before = await ops.ScrapeAsync();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var month = Month.Current(time);
        var creator = await app.CreateUserAsync("metered");
        var givers = new[]
        {
            await app.CreateUserAsync("meterfan", depositCents: 1000),
            await app.CreateUserAsync("meterfan", depositCents: 1000),
            await app.CreateUserAsync("meterfan", depositCents: 1000),
        };
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://metrics.example.org/{Guid.NewGuid():N}", "A metered thing"));

        await using var wire = await HubWire.ConnectAsync(app, null);
        Assert.Null(await wire.InvokeAsync("WatchThing", thing.Id));
        // Joining may itself push the thing's figures (the grain tells a watcher new to it); past that push's interval, the
        // click's push goes out at once instead of waiting on this clock, which stands still until a test moves it.
        ops.Clock.Advance(TimeSpan.FromSeconds(5));
        await app.Grains.WalletNow(givers[0].Id, time).Flattr(thing.Id, anonymous: false);
        Assert.NotNull(await wire.NextAsync("count", TimeSpan.FromSeconds(60)));
        await Assert.ThrowsAsync<FlattrException>(() => app.Grains.WalletNow(givers[0].Id, time).Flattr(thing.Id, anonymous: false));

        // The clock stands still: the first push went out at once, the next waits for the interval to pass, and the third
        // update merges into it.
        await app.Grains.WalletNow(givers[1].Id, time).Flattr(thing.Id, anonymous: false);
        // The second count change reaches the thing (and from it the watchers) on its own before the third, so that the third
        // finds the second still waiting and merges into it, rather than both arriving as one change.
        await Eventually.TrueAsync(async () => (await app.Grains.GetThing(thing.Id).GetCounts()).ThisMonth >= 2, "the second click counted");
        await app.Grains.WalletNow(givers[2].Id, time).Flattr(thing.Id, anonymous: false);

        ops.Clock.SetUtcNow(month.End + TimeSpan.FromMinutes(1));
        await app.Grains.GetSettlement(month).Run();

        // The creator's settled income (three budgets of 5 € less fees) is paid out: deposits never are.
        var payouts = app.Grains.GetPayouts(creator.Id);
        await payouts.SetAccount("DE89370400440532013000", "Metered Creator");
        var payout = await payouts.Request(1000);
        Assert.Equal(PayoutStatus.Paid, (await payouts.Complete(payout.Id, succeeded: true, failureReason: null)).Payout.Status);
        Assert.True((await app.Grains.GetAudit().Run()).Ok);

        string after = before;
        string[] still = Moving;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    after = await ops.ScrapeAsync();
                    still = [.. Moving.Where(name => OperationsApp.Sum(after, name) <= OperationsApp.Sum(before, name))];
                    return still.Length == 0 && Refused(after) > Refused(before);
                },
                "every Flattr instrument moved");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Not moved: {string.Join(", ", still)}; refused clicks {Refused(before)} → {Refused(after)}.", e);
        }

        Assert.True(OperationsApp.Sum(after, "flattr_clicks_accepted_total") - OperationsApp.Sum(before, "flattr_clicks_accepted_total") >= 3);
        Assert.True(OperationsApp.Sum(after, "flattr_payouts_total", "status=\"paid\"") > OperationsApp.Sum(before, "flattr_payouts_total", "status=\"paid\""));
        Assert.True(OperationsApp.Sum(after, "flattr_payouts_total", "status=\"requested\"") > OperationsApp.Sum(before, "flattr_payouts_total", "status=\"requested\""));
    }

    static double Refused(string metrics) => OperationsApp.Sum(metrics, "flattr_clicks_refused_total", "reason=\"flattr_once\"");
}
