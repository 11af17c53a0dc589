using System.Globalization;
using Npgsql;

namespace Flattr.Testing.Database;

/// <summary>One-value questions tests ask the database directly, with positional parameters ($1, $2, ...).</summary>
public static class DataSourceQueries
{
    /// <summary>The first column of the first row, as a number (a count, an id, a sum in cents).</summary>
    public static async Task<long> ScalarAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
