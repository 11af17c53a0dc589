using Silo.Reminders;

namespace Silo.Runtime.Reminders;

/// <summary>A handle on a registered reminder; the ETag makes unregistering a stale handle fail instead of removing a newer registration.</summary>
sealed record GrainReminder(string ReminderName, string? ETag) : IGrainReminder;
