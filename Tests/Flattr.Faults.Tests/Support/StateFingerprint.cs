using System.Text;
using Npgsql;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// A cheap fingerprint of everything a request could change: one md5 per table over all its rows. Equal fingerprints
/// before and after a rejected request prove that it changed nothing. Left out as bookkeeping, not state: the migration
/// runner's table, Orleans' cluster membership (every silo writes its I-am-alive time there on its own schedule), and when
/// a credential was last used (<c>last_used_at</c>); a caller may leave out more tables. Grain state and reminders
/// (<c>orleansstorage</c>, <c>orleansreminderstable</c>) are state and stay in.
/// </summary>
public sealed record StateFingerprint(string Text)
{
    static readonly string[] Ignored = ["schema_migrations", "orleansmembershiptable", "orleansmembershipversiontable"];

    public static async Task<StateFingerprint> TakeAsync(NpgsqlDataSource dataSource, params string[] alsoIgnored)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!Ignored.Contains(table, StringComparer.Ordinal) && !alsoIgnored.Contains(table, StringComparer.Ordinal))
                {
                    tables.Add(table);
                }
            }
        }

        var sql = string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}' || ':' || count(*) || ':' || coalesce(md5(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(x) - 'last_used_at')::text)), '-') FROM \"{t}\" x"));
        var text = new StringBuilder();
        await using (var command = dataSource.CreateCommand(sql))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return new StateFingerprint(text.ToString());
    }

    public override string ToString() => Text;
}
