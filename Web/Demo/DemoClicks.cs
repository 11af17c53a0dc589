using Flattr.Web.Button;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Demo;

/// <summary>Seeds the demo world, then keeps a gentle stream of simulated clicks going so tickers and trending move.</summary>
public sealed partial class DemoClicks(
    DemoData data, IGrainFactory grains, TimeProvider time, IOptions<DemoOptions> options, ILogger<DemoClicks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await data.EnsureAsync(stoppingToken);
            var random = new Random();
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = options.Value.ClickInterval * (0.5 + random.NextDouble());
                await Task.Delay(pause, time, stoppingToken);
                var giver = data.GiverIds[random.Next(data.GiverIds.Length)];
                // Popular things get more clicks, so trending has a shape.
                var index = (int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * data.ThingIds.Length);
                try
                {
                    await grains.WalletNow(giver, time).Flattr(data.ThingIds[index], anonymous: random.Next(5) == 0);
                }
                catch (Exception e) when (e is FlattrException or DatabaseUnavailableException)
                {
                    // Already flattred this month, out of means, or the database away for a moment: the next simulated giver tries.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is FlattrException or DatabaseUnavailableException or InvalidOperationException or TimeoutException)
        {
            LogDemoFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo stopped")]
    static partial void LogDemoFailed(ILogger logger, Exception exception);
}
