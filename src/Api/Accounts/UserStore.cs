using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Api.Accounts;

/// <summary>The <c>users</c> table: the one writer of accounts, their passwords and their lock-outs.</summary>
public sealed class UserStore(NpgsqlDataSource db)
{
    private const string Columns = "username, password_hash, role, agent_id, campaign_ids, disabled, security_stamp, failed_logins, locked_until, created_at";

    public async Task<UserAccount?> FindAsync(string username, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM users WHERE lower(username) = lower($1)");
        cmd.Parameters.Add(new() { Value = username });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<List<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM users ORDER BY lower(username)");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var users = new List<UserAccount>();
        while (await r.ReadAsync(ct)) users.Add(Read(r));
        return users;
    }

    /// <summary>Adds the user unless its name (in any case) or its agent is taken; says which when refused.</summary>
    public async Task<UserCreateResult> CreateAsync(string username, string passwordHash, string role, string? agentId, IReadOnlyCollection<string> campaignIds, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO users (username, password_hash, role, agent_id, campaign_ids, security_stamp)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = username });
        cmd.Parameters.Add(new() { Value = passwordHash });
        cmd.Parameters.Add(new() { Value = role });
        cmd.Parameters.Add(new() { Value = (object?)agentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = campaignIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
        if (await cmd.ExecuteNonQueryAsync(ct) == 1) return UserCreateResult.Created;
        return await FindAsync(username, ct) is not null ? UserCreateResult.NameTaken : UserCreateResult.AgentTaken;
    }

    /// <summary>
    /// Changes what is given; a new security stamp ends the user's sessions whenever the password,
    /// role, agent, scope or enabled state changes. False when there is no such user.
    /// </summary>
    public async Task<bool> UpdateAsync(string username, string? passwordHash, string? role, string? agentId, IReadOnlyCollection<string>? campaignIds, bool? disabled, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE users SET
                password_hash = coalesce($2, password_hash),
                role = coalesce($3, role),
                agent_id = CASE WHEN coalesce($3, role) = 'agent' THEN coalesce($4, agent_id) ELSE NULL END,
                campaign_ids = coalesce($5, campaign_ids),
                disabled = coalesce($6, disabled),
                failed_logins = CASE WHEN $2 IS NULL THEN failed_logins ELSE 0 END,
                locked_until = CASE WHEN $2 IS NULL THEN locked_until ELSE NULL END,
                security_stamp = $7,
                updated_at = now()
            WHERE lower(username) = lower($1)
            """);
        cmd.Parameters.Add(new() { Value = username });
        cmd.Parameters.Add(new() { Value = (object?)passwordHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)role ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)agentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)campaignIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)disabled ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string username, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM users WHERE lower(username) = lower($1)");
        cmd.Parameters.Add(new() { Value = username });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>How many admins can still sign in; the last one may not be removed or demoted.</summary>
    public async Task<int> CountActiveAdminsAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Counts a wrong password; the <paramref name="maxFailures"/>-th in a row locks the account
    /// until <paramref name="lockUntil"/>. Returns the lock's end when this failure locked it.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailedLoginAsync(string username, int maxFailures, DateTimeOffset lockUntil, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE users SET
                failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
            WHERE lower(username) = lower($1)
            RETURNING CASE WHEN locked_until = $3 THEN locked_until END
            """);
        cmd.Parameters.Add(new() { Value = username });
        cmd.Parameters.Add(new() { Value = maxFailures });
        cmd.Parameters.Add(new() { Value = lockUntil.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var locked = await cmd.ExecuteScalarAsync(ct);
        return locked is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <summary>A right password clears the failure count; a stale hash format is upgraded in the same write.</summary>
    public async Task RecordSuccessfulLoginAsync(string username, string? rehashed, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = coalesce($2, password_hash)
            WHERE lower(username) = lower($1) AND (failed_logins <> 0 OR locked_until IS NOT NULL OR $2 IS NOT NULL)
            """);
        cmd.Parameters.Add(new() { Value = username });
        cmd.Parameters.Add(new() { Value = (object?)rehashed ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static UserAccount Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        [.. r.GetFieldValue<string[]>(4)],
        r.GetBoolean(5),
        r.GetGuid(6),
        r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.GetFieldValue<DateTimeOffset>(9));
}
