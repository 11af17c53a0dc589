using Npgsql;
using Orleans.Runtime;

namespace Flattr.Silo.Tests.Support;

/// <summary>One silo incarnation's row in Orleans' membership table (OrleansMembershipTable).</summary>
public sealed record MemberRow(string Address, int Port, int Generation, SiloStatus Status, int ProxyPort);

/// <summary>Reads Orleans' membership table, the one place every silo and client of a cluster meets.</summary>
public static class Membership
{
    public static async Task<IReadOnlyList<MemberRow>> RowsAsync(NpgsqlDataSource database, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand(
            "SELECT address, port, generation, status, proxyport FROM orleansmembershiptable WHERE deploymentid = $1 ORDER BY generation");
        command.Parameters.Add(new() { Value = clusterId });
        var rows = new List<MemberRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), (SiloStatus)reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>The status of the newest incarnation on <paramref name="siloPort"/>, or null before one has a row.</summary>
    public static async Task<SiloStatus?> NewestStatusAsync(NpgsqlDataSource database, string clusterId, int siloPort) =>
        (await RowsAsync(database, clusterId)).LastOrDefault(r => r.Port == siloPort)?.Status;

    /// <summary>True once the newest incarnation on <paramref name="siloPort"/> is Active: it serves grains and clients can find its gateway.</summary>
    public static async Task<bool> IsActiveAsync(NpgsqlDataSource database, string clusterId, int siloPort) =>
        await NewestStatusAsync(database, clusterId, siloPort) == SiloStatus.Active;
}
