using Silo.Reminders;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Scheduling;
using Silo.Runtime.Timers;

namespace Silo.Runtime.Reminders;

/// <summary>
/// The in-process schedule of one durable reminder. A tick calls IRemindable.ReceiveReminder through a grain
/// reference (activating the grain) and the next one is armed only after it returns; ticks missed while the process
/// was down or busy are not replayed: an overdue reminder fires once at once.
/// </summary>
sealed class LocalReminder
{
    static readonly TimerCallback s_fire = static state => _ = ((LocalReminder)state!).TickAsync();

    readonly ReminderService _service;
    readonly TimeProvider _timeProvider;
    readonly ITimer _timer;
    DateTimeOffset _nextDue;
    volatile bool _stopped;

    public LocalReminder(ReminderService service, ReminderEntry entry, TimeProvider timeProvider)
    {
        _service = service;
        _timeProvider = timeProvider;
        Entry = entry;
        var now = timeProvider.GetUtcNow();
        ScheduledAt = now;
        _nextDue = entry.StartAt >= now ? entry.StartAt : LatestTickAtOrBefore(now);
        _timer = timeProvider.CreateUnflowed(s_fire, this, Delay(_nextDue, now), Timeout.InfiniteTimeSpan);
    }

    public ReminderEntry Entry { get; }

    public DateTimeOffset ScheduledAt { get; }

    public void Stop()
    {
        _stopped = true;
        _timer.Dispose();
    }

    async Task TickAsync()
    {
        if (_stopped)
        {
            return;
        }

        var due = _nextDue;
        CallChain.Clear();
        RequestContext.Import(null);
        try
        {
            var grain = _service.GrainFactory.GetGrain<IRemindable>(Entry.GrainId);
            await grain.ReceiveReminder(Entry.ReminderName, new TickStatus(Entry.StartAt, Entry.Period, due));
        }
#pragma warning disable CA1031 // A failed tick is logged; the reminder keeps its schedule.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.ReminderTickFailed(_service.Logger, e, Entry.GrainId, Entry.ReminderName);
        }

        if (_stopped)
        {
            return;
        }

        // An overdue tick fires once at once, for the latest time it was due; older missed ticks are dropped.
        var now = _timeProvider.GetUtcNow();
        var next = due + Entry.Period;
        _nextDue = next > now ? next : LatestTickAtOrBefore(now);
        try
        {
            _timer.Change(Delay(_nextDue, now), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped while the tick ran.
        }
    }

    DateTimeOffset LatestTickAtOrBefore(DateTimeOffset now)
    {
        var elapsedPeriods = (now - Entry.StartAt).Ticks / Entry.Period.Ticks;
        return Entry.StartAt + TimeSpan.FromTicks(elapsedPeriods * Entry.Period.Ticks);
    }

    static TimeSpan Delay(DateTimeOffset due, DateTimeOffset now) => due > now ? due - now : TimeSpan.Zero;
}
