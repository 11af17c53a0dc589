using Silo.Observers;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class ObserverTests
{
    [Fact]
    public async Task A_grain_notifies_its_subscribed_observers()
    {
        await using var silo = await TestSilo.StartAsync();
        var room = silo.Grains.GetGrain<IChatRoomGrain>("room");
        var alice = new RecordingObserver();
        var bob = new RecordingObserver();
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(alice));
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(bob));

        Assert.Equal(2, await room.Publish("hi"));

        Assert.Equal(["hi"], alice.Received);
        Assert.Equal(["hi"], bob.Received);
    }

    [Fact]
    public async Task Resubscribing_the_same_observer_renews_instead_of_duplicating()
    {
        await using var silo = await TestSilo.StartAsync();
        var room = silo.Grains.GetGrain<IChatRoomGrain>("renew");
        var observer = new RecordingObserver();

        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(observer));
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(observer));

        Assert.Equal(1, await room.SubscriberCount());
    }

    [Fact]
    public async Task An_expired_subscription_gets_nothing()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var room = silo.Grains.GetGrain<IChatRoomGrain>("expiry");
        var stale = new RecordingObserver();
        var renewed = new RecordingObserver();
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(stale));
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(renewed));

        time.Advance(TimeSpan.FromSeconds(40));
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(renewed));
        time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(1, await room.Publish("late"));
        Assert.Empty(stale.Received);
        Assert.Equal(["late"], renewed.Received);
    }

    [Fact]
    public async Task A_throwing_observer_is_dropped()
    {
        await using var silo = await TestSilo.StartAsync();
        var room = silo.Grains.GetGrain<IChatRoomGrain>("faulty");
        var broken = new RecordingObserver(throws: true);
        var healthy = new RecordingObserver();
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(broken));
        await room.Subscribe(silo.Grains.CreateObjectReference<IChatObserver>(healthy));

        Assert.Equal(1, await room.Publish("one"));
        Assert.Equal(1, await room.Publish("two"));

        Assert.Equal(["one"], broken.Received);
        Assert.Equal(["one", "two"], healthy.Received);
    }

    [Fact]
    public async Task Calls_to_one_observer_run_one_at_a_time_even_from_many_grains()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver(slow: true);
        var reference = silo.Grains.CreateObjectReference<IChatObserver>(observer);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => silo.Grains.GetGrain<IObserverCallerGrain>($"caller-{i}").Send(reference, $"m{i}")));

        Assert.Equal(20, observer.Received.Count);
        Assert.Equal(1, observer.MaxInside);
    }

    [Fact]
    public async Task A_deleted_observer_reference_fails_its_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver();
        var reference = silo.Grains.CreateObjectReference<IChatObserver>(observer);
        var caller = silo.Grains.GetGrain<IObserverCallerGrain>("deleted");
        await caller.Send(reference, "before");

        silo.Grains.DeleteObjectReference<IChatObserver>(reference);

        await Assert.ThrowsAsync<InvalidOperationException>(() => caller.Send(reference, "after"));
        Assert.Equal(["before"], observer.Received);
    }

    [Fact]
    public async Task ObserverManager_drops_expired_and_failing_observers()
    {
        var time = new ManualTimeProvider();
        var manager = new ObserverManager<IChatObserver>(TimeSpan.FromMinutes(1), time);
        var expiring = new RecordingObserver();
        var failing = new RecordingObserver(throws: true);
        var fine = new RecordingObserver();
        manager.Subscribe(expiring);
        time.Advance(TimeSpan.FromSeconds(30));
        manager.Subscribe(failing);
        manager.Subscribe(fine);
        time.Advance(TimeSpan.FromSeconds(31));

        await manager.Notify(o => o.Receive("x"));

        Assert.Equal(1, manager.Count);
        Assert.Empty(expiring.Received);
        Assert.Equal(["x"], failing.Received);
        Assert.Equal(["x"], fine.Received);
        await Assert.ThrowsAsync<ArgumentNullException>(() => manager.Notify(null!));
    }
}
