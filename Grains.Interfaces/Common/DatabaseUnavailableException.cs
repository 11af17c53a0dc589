using Orleans;

namespace Flattr;

/// <summary>
/// The database cannot be reached right now (a restart, a failover, a cut connection): the call did not complete, nothing
/// needs fixing, and a retry in a few seconds is expected to work (a retried click is never counted twice). The silo raises it
/// in place of the transient database failure itself, whose exception types cannot cross a grain call.
/// </summary>
[GenerateSerializer, Alias("Flattr.DatabaseUnavailableException")]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
        : base("The database is unavailable for a moment; retry in a few seconds.")
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
