using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;
using NpgsqlTypes;
using Silo.Persistence;

namespace Silo.Postgres.Storage;

/// <summary>
/// Grain state in the <c>grain_state</c> table, as JSON, with optimistic concurrency: the ETag is the row's version
/// as decimal text, every write must carry the ETag it read, and a stale one gets <see cref="InconsistentStateException"/>
/// without touching the row. Nothing is retried here: the grain must re-read, re-decide and write again.
/// </summary>
/// <remarks>
/// Clearing keeps the row as a tombstone (payload NULL, version + 1) instead of deleting it: the ETag seen by the grain
/// becomes null as if the row were gone, but versions never restart at 1, so an ETag read before the clear cannot match a
/// state written after it (the ABA problem a DELETE would open).
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage
{
    readonly NpgsqlDataSource _dataSource;
    readonly string _serviceId;
    readonly JsonSerializerOptions _json;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, string serviceId, JsonSerializerOptions jsonSerializerOptions)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(jsonSerializerOptions);
        _dataSource = dataSource;
        _serviceId = serviceId;
        _json = jsonSerializerOptions;

        // Freezes the options (they are shared by every grain) and falls back to reflection when no resolver is set.
        _json.MakeReadOnly(populateMissingResolver: true);
    }

    public string ServiceId => _serviceId;

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var command = Command(
            "SELECT payload, version FROM grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4",
            stateName,
            grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false))
        {
            // No row, or a cleared one: the grain starts from its default state.
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var payload = reader.GetString(0);
        var version = reader.GetInt64(1);
        var state = JsonSerializer.Deserialize(payload, TypeInfo<TState>());
        if (state is not null)
        {
            grainState.State = state;
        }

        grainState.ETag = ETagOf(version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = new NpgsqlParameter { Value = JsonSerializer.Serialize(grainState.State, TypeInfo<TState>()), NpgsqlDbType = NpgsqlDbType.Jsonb };
        await using var command = grainState.ETag is null
            ? Command(
                // First write, or a write over a tombstone: only when nobody else wrote meanwhile.
                """
                INSERT INTO grain_state AS g (service_id, grain_type, grain_key, state_name, payload, version, created_at, modified_at)
                VALUES ($1, $2, $3, $4, $5, 1, now(), now())
                ON CONFLICT (service_id, grain_type, grain_key, state_name) DO UPDATE
                    SET payload = excluded.payload, version = g.version + 1, created_at = now(), modified_at = now()
                    WHERE g.payload IS NULL
                RETURNING version
                """,
                stateName,
                grainId,
                payload)
            : Command(
                """
                UPDATE grain_state SET payload = $5, version = version + 1, modified_at = now()
                WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4
                  AND version = $6 AND payload IS NOT NULL
                RETURNING version
                """,
                stateName,
                grainId,
                payload,
                ExpectedVersion(grainState.ETag));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version)
        {
            grainState.ETag = ETagOf(version);
            grainState.RecordExists = true;
            return;
        }

        throw await ConflictAsync("WriteState", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainState.ETag is null)
        {
            // The grain believes nothing is stored: a no-op if that is still true, a conflict if someone wrote meanwhile.
            var stored = await StoredETagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                throw Conflict("ClearState", stateName, grainId, stored, null);
            }
        }
        else
        {
            await using var command = Command(
                """
                UPDATE grain_state SET payload = NULL, version = version + 1, modified_at = now()
                WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4
                  AND version = $5 AND payload IS NOT NULL
                RETURNING version
                """,
                stateName,
                grainId,
                ExpectedVersion(grainState.ETag));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long)
            {
                throw await ConflictAsync("ClearState", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>A command whose $1..$4 are the row's identity, followed by <paramref name="more"/>.</summary>
    NpgsqlCommand Command(string sql, string stateName, GrainId grainId, params NpgsqlParameter[] more)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = grainId.Type.Name });
        command.Parameters.Add(new() { Value = grainId.Key.ToStorageString() });
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.AddRange(more);
        return command;
    }

    async Task<string?> StoredETagAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT version FROM grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4 AND payload IS NOT NULL",
            stateName,
            grainId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? ETagOf(version) : null;
    }

    async Task<InconsistentStateException> ConflictAsync(
        string operation, string stateName, GrainId grainId, string? currentETag, CancellationToken cancellationToken)
    {
        var stored = await StoredETagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        return Conflict(operation, stateName, grainId, stored, currentETag);
    }

    static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag) =>
        new(
            $"Version conflict ({operation}): grain {grainId} state '{stateName}' has ETag {storedETag ?? "none"} in storage, " +
            $"the grain had {currentETag ?? "none"}. Re-read the state and decide again.",
            storedETag,
            currentETag);

    JsonTypeInfo<TState> TypeInfo<TState>() => (JsonTypeInfo<TState>)_json.GetTypeInfo(typeof(TState));

    static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ETag this provider never issued matches no row (versions start at 1), so it ends in a conflict rather than an error.</summary>
    static NpgsqlParameter ExpectedVersion(string eTag) => new()
    {
        Value = long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1L,
        NpgsqlDbType = NpgsqlDbType.Bigint,
    };
}
