using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Settlement;

/// <summary>
/// The settlement of one month, driven by a durable reminder: <see cref="Start"/> registers it and the ticks run the
/// ledger's <see cref="SettlementEngine"/> until the month is done, so a crash half-way resumes from the plan at the next
/// tick. Orleans gives a reminder its first tick one period after registration, so <see cref="Start"/> also runs the first
/// attempt at once, from a one-shot grain timer (a turn of its own, right after the call returns). The engine is idempotent
/// (plan snapshot, one keyed transaction per giver), so running a done month changes nothing. Non-reentrant, so two runs
/// never overlap; <see cref="GetProgress"/> is [AlwaysInterleave] and reads the progress from the database (the plan and the run),
/// which a run records batch by batch: what it says is what is done.
/// </summary>
public sealed partial class SettlementGrain(SettlementEngine engine, TimeProvider time, ILogger<SettlementGrain> logger)
    : Grain, ISettlementGrain, IRemindable
{
    public const string ReminderName = "settle";
    static readonly TimeSpan s_retryPeriod = TimeSpan.FromMinutes(1);

    string? _lastError;

    public async Task<SettlementProgressReport> Start()
    {
        var month = RequireEndedMonth();
        var report = await ReadAsync(month);
        if (report.State != SettlementState.Done)
        {
            await this.RegisterOrUpdateReminder(ReminderName, s_retryPeriod, s_retryPeriod);
            this.RegisterGrainTimer(_ => TickAsync(), new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
        }

        return report;
    }

    public async Task<SettlementProgressReport> Run()
    {
        var month = RequireEndedMonth();

        // The reminder first: should this process die half-way, the next silo resumes the run.
        await this.RegisterOrUpdateReminder(ReminderName, s_retryPeriod, s_retryPeriod);
        return await RunCoreAsync(month);
    }

    public async Task<SettlementProgressReport> GetProgress() =>
        await ReadAsync(RequireEndedMonth(allowOpen: true));

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == ReminderName ? TickAsync() : Task.CompletedTask;

    async Task TickAsync()
    {
        try
        {
            var month = RequireEndedMonth();
            // A tick that was already due when the run finished (the reminder fires until it is unregistered) finds the month
            // done: it only removes the reminder, and no second run reports "running" for a settled month.
            if ((await ReadAsync(month)).State == SettlementState.Done)
            {
                if (await this.GetReminder(ReminderName) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                return;
            }

            await RunCoreAsync(month);
        }
        catch (FlattrException)
        {
            // Logged by RunCoreAsync; the reminder ticks again.
        }
    }

    async Task<SettlementProgressReport> RunCoreAsync(Month month)
    {
        try
        {
            var final = await engine.RunAsync(month, null, CancellationToken.None);
            _lastError = null;
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            SettlementDone(logger, month.ToString(), final.GiversDone, final.SettledSpendCents);
            return Report(final, null);
        }
        catch (FlattrException e)
        {
            _lastError = e.Message;
            SettlementFailed(logger, month.ToString(), e);
            throw;
        }
        catch (NpgsqlException e)
        {
            _lastError = e.Message;
            SettlementFailed(logger, month.ToString(), e);
            throw new FlattrException(FlattrErrors.Conflict, $"The settlement of {month} stopped: {e.Message}. It resumes at the next reminder tick.", e);
        }
    }

    async Task<SettlementProgressReport> ReadAsync(Month month) =>
        Report(await engine.GetProgressAsync(month, CancellationToken.None), _lastError);

    static SettlementProgressReport Report(SettlementProgress progress, string? error) => new(
        progress.Month,
        error is not null && progress.Status != SettlementStatus.Done
            ? SettlementState.Failed
            : progress.Status switch
            {
                SettlementStatus.NotPlanned => SettlementState.NotStarted,
                SettlementStatus.Planned => SettlementState.Planning,
                SettlementStatus.Running => SettlementState.Running,
                _ => SettlementState.Done,
            },
        progress.Givers,
        progress.GiversDone,
        progress.SettledSpendCents,
        progress.StartedAt ?? progress.PlannedAt,
        progress.FinishedAt,
        progress.Status == SettlementStatus.Done ? null : error);

    Month RequireEndedMonth(bool allowOpen = false)
    {
        var key = this.GetPrimaryKeyString();
        if (!Month.TryParse(key, out var month))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"'{key}' is not a month (yyyy-MM).");
        }

        if (!allowOpen && month >= Month.Current(time))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"{month} has not ended; it can be settled from {month.Next()} on.");
        }

        return month;
    }

    /// <summary>The engine reports from its own threads; the report is an immutable record swapped in whole.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Settled {Month}: {Givers} givers, {SpentCents} cents")]
    static partial void SettlementDone(ILogger logger, string month, int givers, long spentCents);

    [LoggerMessage(Level = LogLevel.Error, Message = "The settlement of {Month} failed; the reminder retries it")]
    static partial void SettlementFailed(ILogger logger, string month, Exception exception);
}
