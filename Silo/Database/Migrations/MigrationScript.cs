using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Flattr.Silo.Database.Migrations;

/// <summary>One versioned SQL script of a module, read from its embedded resource.</summary>
public sealed partial record MigrationScript(string Module, int Version, string Name, string Sql, string Checksum)
{
    /// <summary>Reads and orders a module's scripts; throws <see cref="MigrationException"/> on a bad name, a duplicate version or no script at all.</summary>
    public static IReadOnlyList<MigrationScript> Load(IMigrationModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var scripts = new List<MigrationScript>();
        foreach (var resource in module.Assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(module.ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[module.ResourcePrefix.Length..];
            var match = ScriptName().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException(
                    $"Resource '{resource}' of module '{module.Name}' is not named NNNN_description.sql.");
            }

            using var stream = module.Assembly.GetManifestResourceStream(resource)
                ?? throw new MigrationException($"Resource '{resource}' of module '{module.Name}' cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var version = int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            scripts.Add(new MigrationScript(module.Name, version, match.Groups["name"].Value, sql, ChecksumOf(sql)));
        }

        if (scripts.Count == 0)
        {
            throw new MigrationException(
                $"Module '{module.Name}' has no script: no resource of {module.Assembly.GetName().Name} starts with '{module.ResourcePrefix}'.");
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new MigrationException(
                    $"Module '{module.Name}' has two scripts with version {scripts[i].Version}: '{scripts[i - 1].Name}' and '{scripts[i].Name}'.");
            }
        }

        return scripts;
    }

    /// <summary>SHA-256 of the script with line endings normalised, so a checkout with CRLF endings does not look like an edited script.</summary>
    public static string ChecksumOf(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    [GeneratedRegex(@"^(?<version>[0-9]{4,9})_(?<name>[A-Za-z0-9_\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
