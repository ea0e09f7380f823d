using Npgsql;

namespace ContactCenter.Grains.Common;

/// <summary>The <c>directory_entries</c> table; written only by the directory grain of each kind.</summary>
public sealed class DirectoryStore(NpgsqlDataSource db)
{
    public async Task<List<DirectoryEntry>> ListAsync(string kind, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT id, name, created_at FROM directory_entries WHERE kind = $1");
        cmd.Parameters.Add(new() { Value = kind });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var entries = new List<DirectoryEntry>();
        while (await r.ReadAsync(ct)) entries.Add(new DirectoryEntry(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)));
        return entries;
    }

    public async Task UpsertAsync(string kind, IReadOnlyCollection<DirectoryEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return;
        await using var cmd = db.CreateCommand("""
            INSERT INTO directory_entries (kind, id, name, created_at)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::timestamptz[])
            ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at
            """);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.Id).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.Name).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.CreatedAt.UtcDateTime).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RemoveAsync(string kind, string id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM directory_entries WHERE kind = $1 AND id = $2");
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = id });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
