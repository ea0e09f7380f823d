using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// The largest grain-state rows in Orleans' storage table and how often each was written (its
/// version counts the writes): a row rewritten whole on every change costs its size each time.
/// </summary>
public sealed record StateRows(List<(string Grain, int Bytes, int Writes)> Largest)
{
    public static async Task<StateRows> ReadAsync(NpgsqlDataSource db, int top = 3)
    {
        await using var cmd = db.CreateCommand("""
            SELECT graintypestring || '/' || coalesce(grainidextensionstring, ''), octet_length(payloadbinary), version
            FROM orleansstorage WHERE payloadbinary IS NOT NULL ORDER BY octet_length(payloadbinary) DESC LIMIT $1
            """);
        cmd.Parameters.Add(new() { Value = top });
        var rows = new List<(string, int, int)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetInt32(1), r.GetInt32(2)));
        return new StateRows(rows);
    }
}
