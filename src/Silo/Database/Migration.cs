using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Silo.Database;

/// <summary>
/// One versioned schema change: a SQL script that runs once per database, inside its own transaction.
/// </summary>
/// <remarks>
/// Scripts must not contain transaction control (BEGIN/COMMIT) or statements that refuse to run in a
/// transaction (CREATE INDEX CONCURRENTLY, CREATE DATABASE, VACUUM).
/// </remarks>
public sealed record Migration
{
    /// <summary>Creates a migration and computes its checksum.</summary>
    /// <param name="version">The ordering key; positive and unique among all migrations.</param>
    /// <param name="name">A human-readable name, usually the script's file name.</param>
    /// <param name="sql">The script text.</param>
    public Migration(int version, string name, string sql)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = ComputeChecksum(sql);
    }

    /// <summary>The ordering key stored in <c>schema_migrations.version</c>.</summary>
    public int Version { get; }

    /// <summary>The name stored in <c>schema_migrations.name</c>.</summary>
    public string Name { get; }

    /// <summary>The script text.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of the script with line endings normalised.</summary>
    public string Checksum { get; }

    /// <summary>
    /// Hashes the script. A byte-order mark and CRLF line endings are ignored so that a checkout on
    /// another operating system does not look like an edited migration.
    /// </summary>
    public static string ComputeChecksum(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalised = sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
