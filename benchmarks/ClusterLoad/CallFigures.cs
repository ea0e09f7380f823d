using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>What the call detail records say about the attempts that ended in a window, for one kind of campaign.</summary>
public sealed record CallFigures(long Attempts, long Connected, long Failed, double AnswerToConnectP50Ms, double AnswerToConnectP99Ms, double MeanCallSeconds, double MeanAnsweredCallSeconds)
{
    public static readonly CallFigures None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Figures of the campaigns whose id starts with <paramref name="campaignPrefix"/>.</summary>
    public static async Task<CallFigures> ReadAsync(NpgsqlDataSource db, string campaignPrefix, DateTimeOffset from, DateTimeOffset to)
    {
        // The same measure as benchmarks/DialerLoad: answered → bridged to an agent, from the silos' own time stamps.
        await using var cmd = db.CreateCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE connected_at IS NOT NULL),
                   count(*) FILTER (WHERE status = 'Failed'),
                   coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM connected_at - answered_at) * 1000) FILTER (WHERE connected_at IS NOT NULL AND answered_at IS NOT NULL), 0),
                   coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM connected_at - answered_at) * 1000) FILTER (WHERE connected_at IS NOT NULL AND answered_at IS NOT NULL), 0),
                   coalesce(avg(extract(epoch FROM ended_at - dialing_at)), 0)::float8,
                   coalesce(avg(extract(epoch FROM ended_at - dialing_at)) FILTER (WHERE answered_at IS NOT NULL), 0)::float8
            FROM call_records WHERE ended_at >= $1 AND ended_at < $2 AND campaign_id LIKE $3
            """);
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = campaignPrefix + "%" });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new CallFigures(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6));
    }
}
