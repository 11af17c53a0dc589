using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Flattr.Web.Live;
using Microsoft.Extensions.Time.Testing;

namespace Flattr.Web.Tests.Live;

public sealed class CoalescerTests
{
    [Fact]
    public async Task The_first_update_goes_out_at_once_and_a_burst_is_merged_into_one_message_per_interval()
    {
        var time = new FakeTimeProvider();
        var sent = new List<ImmutableList<int>>();
        var coalescer = new Coalescer<ImmutableList<int>>(TimeSpan.FromMilliseconds(100), time, batch =>
        {
            lock (sent)
            {
                sent.Add(batch);
            }

            return Task.CompletedTask;
        }, static () => []);

        coalescer.Add(batch => batch.Add(1));
        await WaitUntil(() => sent.Count == 1);
        Assert.Equal([1], sent[0]);

        for (var i = 2; i <= 50; i++)
        {
            var n = i;
            coalescer.Add(batch => batch.Add(n));
        }

        await Task.Delay(50);
        Assert.Single(sent);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await WaitUntil(() => sent.Count == 2);
        Assert.Equal(Enumerable.Range(2, 49), sent[1]);

        // A quiet interval later, the next single update is again sent at once.
        time.Advance(TimeSpan.FromSeconds(1));
        coalescer.Add(batch => batch.Add(99));
        await WaitUntil(() => sent.Count == 3);
        Assert.Equal([99], sent[2]);
    }

    [Fact]
    public async Task A_burst_counts_one_push_per_message_and_each_update_merged_into_a_waiting_one_on_flattrs_meter()
    {
        long pushes = 0, coalesced = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Flattr.Diagnostics.FlattrInstruments.MeterName && instrument.Name is "flattr.live.pushes" or "flattr.live.coalesced")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            Interlocked.Add(ref instrument.Name == "flattr.live.pushes" ? ref pushes : ref coalesced, value));
        listener.Start();
        var time = new FakeTimeProvider();
        var sent = 0;
        var coalescer = new Coalescer<int>(TimeSpan.FromMilliseconds(100), time, _ =>
        {
            Interlocked.Increment(ref sent);
            return Task.CompletedTask;
        }, static () => 0);

        coalescer.Add(n => n + 1);
        await WaitUntil(() => Volatile.Read(ref sent) == 1);
        for (var i = 0; i < 10; i++)
        {
            coalescer.Add(n => n + 1);
        }

        time.Advance(TimeSpan.FromMilliseconds(100));
        await WaitUntil(() => Volatile.Read(ref sent) == 2);

        // The meter is the process's: other tests' coalescers may count beside this one, never fewer.
        Assert.True(Interlocked.Read(ref pushes) >= 2, $"pushes: {pushes}");
        Assert.True(Interlocked.Read(ref coalesced) >= 9, $"coalesced: {coalesced}");
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
