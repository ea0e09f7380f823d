using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// Data Protection's key ring in the <c>data_protection_keys</c> table, so that every API node
/// decrypts the others' session cookies and a restart does not sign everyone out. Data Protection
/// asks for the keys rarely (at start and when it rolls a key), hence the synchronous calls its
/// interface wants.
/// </summary>
public sealed class PostgresKeyRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var r = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (r.Read()) elements.Add(XElement.Parse(r.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        cmd.Parameters.Add(new() { Value = friendlyName });
        cmd.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }
}
