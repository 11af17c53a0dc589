namespace Silo.Reminders;

/// <summary>One durable reminder as stored. <see cref="ETag"/> is the stored version.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string? ETag);
