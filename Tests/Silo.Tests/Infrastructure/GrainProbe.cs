using System.Collections.Concurrent;

namespace Silo.Tests.Infrastructure;

/// <summary>A per-silo singleton through which test grains report what happened inside them and wait for the test's go-ahead.</summary>
public sealed class GrainProbe
{
    static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    readonly ConcurrentDictionary<string, int> _counts = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => [.. _events];

    public int Increment(string key) => _counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int Count(string key) => _counts.GetValueOrDefault(key);

    public void Record(string entry) => _events.Enqueue(entry);

    public void Set(string key) => Signal(key).TrySetResult();

    public bool IsSet(string key) => Signal(key).Task.IsCompleted;

    public Task WaitAsync(string key) => Signal(key).Task.WaitAsync(s_patience);

    /// <summary>Polls until <paramref name="key"/> has been counted <paramref name="count"/> times (or fails after a few seconds).</summary>
    public async Task WaitForCountAsync(string key, int count)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (Count(key) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{key}' was counted {Count(key)} times, expected {count}.");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Polls until <paramref name="entry"/> has been recorded (or fails after a few seconds).</summary>
    public async Task WaitForEventAsync(string entry)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!_events.Contains(entry))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{entry}' was never recorded.");
            }

            await Task.Delay(2);
        }
    }

    TaskCompletionSource Signal(string key) => _signals.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
