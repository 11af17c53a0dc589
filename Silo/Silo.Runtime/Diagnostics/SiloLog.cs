using Microsoft.Extensions.Logging;

namespace Silo.Runtime.Diagnostics;

/// <summary>The runtime's log messages, source-generated.</summary>
static partial class SiloLog
{
    [LoggerMessage(1, LogLevel.Debug, "Activated {GrainId} as {ActivationId}")]
    public static partial void Activated(ILogger logger, GrainId grainId, Guid activationId);

    [LoggerMessage(2, LogLevel.Warning, "Activation of {GrainId} failed; its waiting calls fail and the next call tries again")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Debug, "Deactivated {GrainId} ({ActivationId}): {Reason}")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, Guid activationId, DeactivationReasonCode reason);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync or disposal of {GrainId} failed; deactivation goes on")]
    public static partial void OnDeactivateFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(5, LogLevel.Warning, "A timer tick of {GrainId} failed; the timer keeps going")]
    public static partial void TimerTickFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(6, LogLevel.Warning, "One-way call {Call} failed")]
    public static partial void OneWayCallFailed(ILogger logger, Exception exception, string call);

    [LoggerMessage(7, LogLevel.Debug, "Call {Call} failed")]
    public static partial void CallFailed(ILogger logger, Exception exception, string call);

    [LoggerMessage(8, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed to tick")]
    public static partial void ReminderTickFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(9, LogLevel.Warning, "Reading the reminder table failed; will try again at the next refresh")]
    public static partial void ReminderRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Silo started with {GrainClassCount} grain classes")]
    public static partial void Started(ILogger logger, int grainClassCount);

    [LoggerMessage(11, LogLevel.Information, "Silo stopping: deactivating {ActivationCount} activations")]
    public static partial void Stopping(ILogger logger, int activationCount);

    [LoggerMessage(12, LogLevel.Debug, "Collected {Count} idle activations")]
    public static partial void Collected(ILogger logger, int count);
}
