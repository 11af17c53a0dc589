using Polly;
using Polly.Retry;

namespace Flattr;

/// <summary>
/// How a background loop outlives a passing failure (the database dropping its connections, a silo lost, a time-out): the
/// failed step is retried after an exponential, jittered pause (1 s doubling up to 30 s), for as long as the host runs, and
/// each failure is reported to <c>onRetry</c> to be logged. Only the host's own stop (the token given to the step) ends it.
/// </summary>
public static class BackgroundRetry
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <param name="onRetry">Told each failure and the pause before the next try.</param>
    public static ResiliencePipeline Pipeline(TimeProvider time, Action<Exception, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(onRetry);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstPause,
                MaxDelay = LongestPause,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}
