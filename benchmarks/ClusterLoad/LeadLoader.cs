using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// Generated leads loaded with binary COPY (as benchmarks/DialerLoad does), split over one list per
/// campaign so no two campaigns compete for the same hopper rows.
/// </summary>
public static class LeadLoader
{
    /// <summary>Creates <paramref name="lists"/> lists sharing <paramref name="total"/> leads; returns their ids.</summary>
    /// <param name="firstNumber">Offset of the first phone number, so lists of separate calls never share a number
    /// (the product allows one live call per number across the cluster).</param>
    public static async Task<List<long>> LoadAsync(NpgsqlDataSource db, string name, int lists, int total, int firstNumber)
    {
        var ids = new List<long>();
        for (var l = 0; l < lists; l++)
        {
            await using var create = db.CreateCommand("INSERT INTO lead_lists (name) VALUES ($1) RETURNING id");
            create.Parameters.Add(new() { Value = $"{name} {l + 1}" });
            ids.Add((long)(await create.ExecuteScalarAsync())!);
        }
        await using var connection = await db.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY leads (list_id, first_name, last_name, phone, time_zone) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < total; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(ids[i % lists], NpgsqlDbType.Bigint);
                await copy.WriteAsync(name, NpgsqlDbType.Text);
                await copy.WriteAsync($"Lead {i}", NpgsqlDbType.Text);
                // 212-200-0000 upward: valid, distinct New York numbers.
                await copy.WriteAsync($"+1212{2_000_000 + firstNumber + i:D7}", NpgsqlDbType.Text);
                await copy.WriteAsync("UTC", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE leads";
        await analyze.ExecuteNonQueryAsync();
        return ids;
    }
}
