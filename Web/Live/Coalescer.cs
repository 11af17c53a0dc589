using Flattr.Diagnostics;

namespace Flattr.Web.Live;

/// <summary>
/// Sends at most one message per interval for one group: the first update after a quiet spell goes out at once
/// (so a single click reaches the browser immediately), later ones within the interval are merged and sent when it ends.
/// A burst of any size therefore costs a browser at most 1/interval messages a second. Each push counts on
/// flattr.live.pushes, each update merged into one still waiting on flattr.live.coalesced.
/// </summary>
public sealed class Coalescer<TState>(TimeSpan interval, TimeProvider time, Func<TState, Task> send, Func<TState> empty)
{
    readonly Lock _lock = new();
    TState _pending = empty();
    bool _hasPending;
    bool _scheduled;
    DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    /// <summary>Merges an update into the pending state (under the coalescer's lock) and arranges for it to be sent.</summary>
    public void Add(Func<TState, TState> merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        TimeSpan delay;
        lock (_lock)
        {
            if (_hasPending)
            {
                FlattrInstruments.LiveCoalesced.Add(1);
            }

            _pending = merge(_pending);
            _hasPending = true;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            var sinceLast = time.GetUtcNow() - _lastSent;
            delay = sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
        }

        _ = FlushLaterAsync(delay);
    }

    async Task FlushLaterAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time);
        }

        TState state;
        lock (_lock)
        {
            _scheduled = false;
            if (!_hasPending)
            {
                return;
            }

            state = _pending;
            _pending = empty();
            _hasPending = false;
            _lastSent = time.GetUtcNow();
        }

        try
        {
            await send(state);
            FlattrInstruments.LivePushes.Add(1);
        }
#pragma warning disable CA1031 // A failed push must not kill the coalescer: the next update sends the latest state again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
