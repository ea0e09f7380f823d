using Npgsql;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// Reads what the product wrote, to measure and verify (never to drive it): call detail records and
/// Orleans' membership table. Unpooled, so a database restart leaves no dead connection behind.
/// </summary>
public sealed class DatabaseProbe(string connectionString)
{
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3, CommandTimeout = 10 }.ConnectionString;

    public async Task<long> CountRecordsAsync(string campaignId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM call_records WHERE campaign_id = @c", connection);
        command.Parameters.AddWithValue("c", campaignId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The start of the first attempt begun after <paramref name="after"/> whose record exists, or null.
    /// Records of calls recovered as Lost are not new attempts: a call placed in the last moment before
    /// a kill is recorded by the survivor with its own (earlier) start.
    /// </summary>
    public async Task<DateTimeOffset?> FirstAttemptStartedAfterAsync(string campaignId, DateTimeOffset after)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(created_at) FROM call_records WHERE campaign_id = @c AND created_at > @t AND outcome IS DISTINCT FROM 'Lost'", connection);
        command.Parameters.AddWithValue("c", campaignId);
        command.Parameters.AddWithValue("t", after);
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task<List<CallRecordRow>> RecordsAsync(string campaignId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT call_id, lead_id, agent_id, status, outcome, created_at, ended_at FROM call_records WHERE campaign_id = @c ORDER BY created_at", connection);
        command.Parameters.AddWithValue("c", campaignId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<CallRecordRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new CallRecordRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }

    public async Task<List<MembershipRow>> MembershipAsync(string clusterId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, proxyport FROM orleansmembershiptable WHERE deploymentid = @d", connection);
        command.Parameters.AddWithValue("d", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }
        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
