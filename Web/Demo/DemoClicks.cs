using Flattr.Web.Button;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Demo;

/// <summary>
/// Seeds the demo world, then keeps a gentle stream of simulated clicks going so tickers and trending move. Any failure of a
/// step (the database dropping its connections, a failed click batch, a silo away) is logged and the step tried again after a
/// growing pause (<see cref="BackgroundRetry"/>): the demo never stops the host, and goes on once the database is back.
/// </summary>
public sealed partial class DemoClicks(
    DemoData data, IGrainFactory grains, TimeProvider time, IOptions<DemoOptions> options, ILogger<DemoClicks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = BackgroundRetry.Pipeline(time, (e, pause) => LogRetrying(logger, pause, e));
        try
        {
            await retry.ExecuteAsync(async token => await data.EnsureAsync(token), stoppingToken);
            var random = new Random();
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = options.Value.ClickInterval * (0.5 + random.NextDouble());
                await Task.Delay(pause, time, stoppingToken);
                await retry.ExecuteAsync(async _ => await ClickAsync(random), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task ClickAsync(Random random)
    {
        var giver = data.GiverIds[random.Next(data.GiverIds.Length)];
        // Popular things get more clicks, so trending has a shape.
        var index = (int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * data.ThingIds.Length);
        try
        {
            await grains.WalletNow(giver, time).Flattr(data.ThingIds[index], anonymous: random.Next(5) == 0);
        }
        catch (FlattrException)
        {
            // Already flattred this month or out of means: the next simulated giver tries.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo step failed; trying again in {Pause}")]
    static partial void LogRetrying(ILogger logger, TimeSpan pause, Exception exception);
}
