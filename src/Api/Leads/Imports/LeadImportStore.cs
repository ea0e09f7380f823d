using Npgsql;
using NpgsqlTypes;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>Reads and writes <c>lead_imports</c> (progress, any node answers) and <c>lead_import_errors</c>.</summary>
public sealed class LeadImportStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, list_id, file_name, status, phase, duplicate_policy, file_bytes, bytes_read, rows_read, imported, rejected,
        duplicates, updated, do_not_call, error, created_at, finished_at
        """;

    public async Task<LeadImportStatus> CreateAsync(long listId, string? fileName, long fileBytes, DuplicatePolicy policy, IReadOnlyList<string> headers, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO lead_imports (list_id, file_name, file_bytes, duplicate_policy, headers) VALUES ($1, $2, $3, $4, $5)
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = listId });
        cmd.Parameters.Add(new() { Value = (object?)fileName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = fileBytes });
        cmd.Parameters.Add(new() { Value = policy.Name() });
        cmd.Parameters.Add(new() { Value = headers.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (await ReadAsync(cmd, ct))!;
    }

    public async Task<LeadImportStatus?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM lead_imports WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await ReadAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<string>> GetHeadersAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT headers FROM lead_imports WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync(ct) as string[] ?? [];
    }

    /// <summary>Writes progress (and the heartbeat); returns true when someone asked to cancel the import.</summary>
    public async Task<bool> ReportProgressAsync(long id, string phase, LeadImportCounters counters, long bytesRead, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE lead_imports SET phase = $2, bytes_read = $3, rows_read = $4, rejected = $5, duplicates = $6, updated_at = now()
            WHERE id = $1 AND status = 'Running' RETURNING cancel_requested
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = phase });
        cmd.Parameters.Add(new() { Value = bytesRead });
        cmd.Parameters.Add(new() { Value = counters.RowsRead });
        cmd.Parameters.Add(new() { Value = counters.Rejected });
        cmd.Parameters.Add(new() { Value = counters.Duplicates });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Stores rejected rows (up to the cap per import; the counters still count them all).</summary>
    public async Task AddErrorsAsync(long id, IReadOnlyList<RejectedRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var copy = await connection.BeginBinaryImportAsync("COPY lead_import_errors (import_id, line, reason, fields) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(row.Reason, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Marks the import finished inside the merge's transaction, so "Completed" and the leads commit together.</summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, long id, LeadImportCounters counters, long bytesRead, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE lead_imports SET status = 'Completed', phase = 'Done', bytes_read = $2, rows_read = $3, imported = $4, rejected = $5,
                   duplicates = $6, updated = $7, do_not_call = $8, updated_at = now(), finished_at = now()
            WHERE id = $1
            """, connection);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = bytesRead });
        cmd.Parameters.Add(new() { Value = counters.RowsRead });
        cmd.Parameters.Add(new() { Value = counters.Imported });
        cmd.Parameters.Add(new() { Value = counters.Rejected });
        cmd.Parameters.Add(new() { Value = counters.Duplicates });
        cmd.Parameters.Add(new() { Value = counters.Updated });
        cmd.Parameters.Add(new() { Value = counters.DoNotCall });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends a running import as Failed or Cancelled (nothing of it was merged).</summary>
    public async Task FinishUnsuccessfullyAsync(long id, string status, string error, LeadImportCounters counters, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE lead_imports SET status = $2, error = $3, phase = 'Done', rows_read = $4, rejected = $5, duplicates = $6,
                   imported = 0, updated = 0, do_not_call = 0, updated_at = now(), finished_at = now()
            WHERE id = $1 AND status = 'Running'
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = status });
        cmd.Parameters.Add(new() { Value = error });
        cmd.Parameters.Add(new() { Value = counters.RowsRead });
        cmd.Parameters.Add(new() { Value = counters.Rejected });
        cmd.Parameters.Add(new() { Value = counters.Duplicates });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Asks the node running the import to stop; false when the import is unknown or already finished.</summary>
    public async Task<bool> RequestCancelAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE lead_imports SET cancel_requested = true WHERE id = $1 AND status = 'Running'");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Running imports whose node stopped writing progress are failed: their transaction died with the node.</summary>
    public async Task<int> FailAbandonedAsync(TimeSpan silence, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE lead_imports SET status = 'Failed', phase = 'Done', error = 'The API node running the import stopped; nothing was imported. Upload the file again.',
                   finished_at = now()
            WHERE status = 'Running' AND updated_at < now() - $1
            """);
        cmd.Parameters.Add(new() { Value = silence, NpgsqlDbType = NpgsqlDbType.Interval });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The stored rejected rows in line order, streamed.</summary>
    public async IAsyncEnumerable<RejectedRow> ReadErrorsAsync(long id, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT line, reason, fields FROM lead_import_errors WHERE import_id = $1 ORDER BY line");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await r.ReadAsync(ct)) yield return new RejectedRow(r.GetInt64(0), r.GetString(1), r.GetFieldValue<string[]>(2));
    }

    private static async Task<LeadImportStatus?> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var status = r.GetString(3);
        var fileBytes = r.GetInt64(6);
        var bytesRead = r.GetInt64(7);
        // Reading is most of the work; the last 5 % is the merge, 100 only once committed.
        var percent = status == "Completed" ? 100.0 : fileBytes == 0 ? 0 : Math.Round(95.0 * bytesRead / fileBytes, 1);
        return new LeadImportStatus(
            r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), status, r.GetString(4), r.GetString(5),
            fileBytes, bytesRead, percent, r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13),
            r.IsDBNull(14) ? null : r.GetString(14), r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16));
    }
}
