using System.Collections.Immutable;
using Flattr.Hosting;
using Flattr.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Settlement;

/// <summary>
/// Watches the calendar with a durable reminder. After a month ends (UTC, per the DI clock) it starts the settlement of
/// the oldest ended, unsettled month with activity, then the next once that one is done: the ledger allows one settling
/// month at a time, and settling oldest first keeps each month's balances as the previous settlement left them.
/// </summary>
public sealed partial class MonthEndGrain(
    MonthCalendar calendar,
    SubscriptionStore subscriptions,
    IOptions<MonthEndOptions> options,
    TimeProvider time,
    ILogger<MonthEndGrain> logger) : Grain, IMonthEndGrain, IRemindable
{
    public const string ReminderName = "month-end";

    Month _materialised;

    public async Task Ensure()
    {
        var period = options.Value.MonthEndCheckPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task<ImmutableArray<Month>> CheckNow()
    {
        var current = Month.Current(time);
        if (_materialised != current)
        {
            // A new month: its subscription clicks now, so creators see them live (settlement would add them anyway).
            await subscriptions.MaterialiseMonthAsync(current, CancellationToken.None);
            _materialised = current;
        }

        var started = ImmutableArray.CreateBuilder<Month>();
        foreach (var month in await calendar.EndedUnsettledMonthsAsync(current, CancellationToken.None))
        {
            var report = await GrainFactory.GetSettlement(month).Start();
            if (report.State != SettlementState.Done)
            {
                SettlementStarted(logger, month.ToString(), report.State);
                started.Add(month);
                break;
            }
        }

        return started.ToImmutable();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await CheckNow();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Month {Month} has ended: its settlement is {State}")]
    static partial void SettlementStarted(ILogger logger, string month, SettlementState state);
}
