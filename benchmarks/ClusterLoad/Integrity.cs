using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// What the database says about the leads at the end of the window, while every silo is still up:
/// with one attempt per lead and no silo lost, no lead may have two call records and none may end "Lost".
/// </summary>
public sealed record Integrity(long LeadsDialedTwice, long LeadsLost, long RecordsLost)
{
    public static async Task<Integrity> ReadAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM (SELECT lead_id FROM call_records WHERE lead_id IS NOT NULL GROUP BY lead_id HAVING count(*) > 1) twice),
                   (SELECT count(*) FROM leads WHERE last_outcome = 'Lost'),
                   (SELECT count(*) FROM call_records WHERE outcome = 'Lost')
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new Integrity(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }
}
