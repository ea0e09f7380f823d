using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Api.Accounts;

/// <summary>The <c>api_keys</c> table.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource db)
{
    private const string Columns = "id, name, role, agent_id, campaign_ids, key_prefix, created_by, created_at, revoked_at";

    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string name, string role, string? agentId, IReadOnlyCollection<string> campaignIds, string createdBy, CancellationToken ct = default)
    {
        var key = ApiKeySecret.Generate();
        await using var cmd = db.CreateCommand($"""
            INSERT INTO api_keys (name, role, agent_id, campaign_ids, key_hash, key_prefix, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = role });
        cmd.Parameters.Add(new() { Value = (object?)agentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = campaignIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = ApiKeySecret.Hash(key) });
        cmd.Parameters.Add(new() { Value = ApiKeySecret.ShownPrefix(key) });
        cmd.Parameters.Add(new() { Value = createdBy });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (Read(r), key);
    }

    /// <summary>The key that hashes to this value, unless revoked. Asked on every request, so a revocation holds at once.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string key, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        cmd.Parameters.Add(new() { Value = ApiKeySecret.Hash(key) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<List<ApiKeyRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyRecord>();
        while (await r.ReadAsync(ct)) keys.Add(Read(r));
        return keys;
    }

    /// <summary>Revokes the key (kept for the audit trail). False when there is no such key; revoking twice is fine.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static ApiKeyRecord Read(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        [.. r.GetFieldValue<string[]>(4)],
        r.GetString(5),
        r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));
}
