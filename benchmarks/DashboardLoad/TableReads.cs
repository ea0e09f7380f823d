using Npgsql;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// PostgreSQL's cumulative per-table read counters (pg_stat_user_tables). Backends report them at
/// most once a second and an idle one within 10 s, so a reading waits <see cref="FlushWait"/> first.
/// </summary>
public sealed record TableReads(string Table, long SeqScans, long SeqRows, long IndexScans, long IndexRows)
{
    public static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(11);

    public static async Task<Dictionary<string, TableReads>> ReadAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("""
            SELECT relname, coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0)
            FROM pg_stat_user_tables
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        var reads = new Dictionary<string, TableReads>();
        while (await r.ReadAsync())
            reads[r.GetString(0)] = new TableReads(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        return reads;
    }

    /// <summary>The tables read between two readings, with what was read in between.</summary>
    public static List<TableReads> Between(Dictionary<string, TableReads> before, Dictionary<string, TableReads> after) =>
        [.. after.Values
            .Select(a => before.TryGetValue(a.Table, out var b) ? new TableReads(a.Table, a.SeqScans - b.SeqScans, a.SeqRows - b.SeqRows, a.IndexScans - b.IndexScans, a.IndexRows - b.IndexRows) : a)
            .Where(d => d.SeqScans + d.IndexScans > 0)
            .OrderByDescending(d => d.SeqRows + d.IndexRows)];
}
