using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Flattr.Web.Security.DataProtection;

/// <summary>
/// The data protection key ring in PostgreSQL (table <c>data_protection_keys</c>, Grains/Schema/0111), so every web node signs
/// and reads cookies and antiforgery tokens with the same keys. Written by hand: the feed's only database-backed repository
/// (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore) would bring Entity Framework Core into the web for two statements.
/// The interface is synchronous; the key manager calls it at start, when it creates or revokes a key, and when it refreshes
/// its ring (daily, or when a payload names a key it has not seen: one another node made).
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <summary>Adds the element; a name already stored (the same key stored twice) keeps the first.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.Add(new() { Value = friendlyName });
        command.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
