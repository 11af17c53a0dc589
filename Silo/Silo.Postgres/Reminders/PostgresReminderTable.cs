using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Silo.Reminders;

namespace Silo.Postgres.Reminders;

/// <summary>
/// The <c>reminders</c> table of one service. The ETag is the row's version as decimal text; every upsert bumps it.
/// Periods are stored in whole milliseconds; start times as UTC <c>timestamptz</c> (microsecond precision).
/// </summary>
public sealed class PostgresReminderTable : IReminderTable
{
    readonly NpgsqlDataSource _dataSource;
    readonly string _serviceId;

    public PostgresReminderTable(NpgsqlDataSource dataSource, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _dataSource = dataSource;
        _serviceId = serviceId;
    }

    public string ServiceId => _serviceId;

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT grain_type, grain_key, reminder_name, start_at, period_ms, version FROM reminders WHERE service_id = $1");
        command.Parameters.Add(new() { Value = _serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Entry(reader));
        }

        return entries;
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT grain_type, grain_key, reminder_name, start_at, period_ms, version FROM reminders
            WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4
            """,
            grainId,
            reminderName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Entry(reader) : null;
    }

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = Command(
            """
            INSERT INTO reminders AS r (service_id, grain_type, grain_key, reminder_name, start_at, period_ms, version)
            VALUES ($1, $2, $3, $4, $5, $6, 1)
            ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO UPDATE
                SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = r.version + 1
            RETURNING version
            """,
            entry.GrainId,
            entry.ReminderName);
        command.Parameters.Add(new() { Value = entry.StartAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (long)entry.Period.TotalMilliseconds });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Removes the reminder if its version is <paramref name="eTag"/>, or whatever its version when <paramref name="eTag"/> is null.</summary>
    /// <returns>Whether a row was removed.</returns>
    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, string? eTag, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            DELETE FROM reminders
            WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4
              AND ($5::bigint IS NULL OR version = $5)
            """,
            grainId,
            reminderName);
        long? expected = eTag is null ? null
            : long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1L;
        command.Parameters.Add(new() { Value = expected.HasValue ? expected.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    NpgsqlCommand Command(string sql, GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = grainId.Type.Name });
        command.Parameters.Add(new() { Value = grainId.Key.ToStorageString() });
        command.Parameters.Add(new() { Value = reminderName });
        return command;
    }

    static ReminderEntry Entry(NpgsqlDataReader reader) => new(
        new GrainId(new GrainType(reader.GetString(0)), GrainKey.ParseStorageString(reader.GetString(1))),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        TimeSpan.FromMilliseconds(reader.GetInt64(4)),
        reader.GetInt64(5).ToString(CultureInfo.InvariantCulture));
}
