using System.Globalization;

namespace Silo.Reminders;

/// <summary>
/// A reminder table in process memory, with real ETags: for unit tests and single-process development. Share one
/// instance between hosts to simulate a restart. Durable deployments register a database-backed table instead.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    readonly Dictionary<(GrainId GrainId, string Name), ReminderEntry> _entries = [];
    readonly Lock _lock = new();
    long _version;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _entries.Values]);
        }
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var eTag = (++_version).ToString(CultureInfo.InvariantCulture);
            _entries[(entry.GrainId, entry.ReminderName)] = entry with { ETag = eTag };
            return Task.FromResult(eTag);
        }
    }

    public Task<bool> RemoveAsync(GrainId grainId, string reminderName, string? eTag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (grainId, reminderName);
            var removed = _entries.TryGetValue(key, out var entry) && (eTag is null || entry.ETag == eTag) && _entries.Remove(key);
            return Task.FromResult(removed);
        }
    }
}
