using Silo.Persistence;

namespace Silo.Postgres.Tests.Storage;

/// <summary>A grain state as a storage provider sees it, held by the test instead of the runtime.</summary>
sealed class TestState<T>(T state) : IGrainState<T>
{
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

public sealed record Account(string Owner, long BalanceCents, List<string> Tags);
