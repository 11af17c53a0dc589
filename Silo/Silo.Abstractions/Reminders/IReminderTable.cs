namespace Silo.Reminders;

/// <summary>Durable storage of reminders for one service. The runtime's reminder service reads it at start and after changes.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces; returns the new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(GrainId grainId, string reminderName, string? eTag, CancellationToken cancellationToken);
}
