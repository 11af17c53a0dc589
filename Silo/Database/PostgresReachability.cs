using Npgsql;

namespace Flattr.Silo.Database;

/// <summary>Checks, before a process starts its silo or client, that PostgreSQL answers: a clear line instead of a stack trace.</summary>
public static class PostgresReachability
{
    static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when a connection opens; otherwise one line naming the server tried and why it failed.</summary>
    public static async Task<string?> ProblemAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = (int)s_timeout.TotalSeconds };
        var server = $"{builder.Host}:{builder.Port}, database {builder.Database ?? builder.Username}, user {builder.Username}";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"cannot reach PostgreSQL at {server}: {e.GetBaseException().Message}";
        }
    }
}
