using ContactCenter.Telephony.Carrier;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Grains.Calls;

/// <summary>The <c>call_records</c> table: one call detail record (CDR) per attempt.</summary>
public sealed class CallRecordStore(NpgsqlDataSource db)
{
    private const string Columns = "call_id, campaign_id, lead_id, agent_id, destination, caller_id, status, outcome, disposition, notes, created_at, dialing_at, ringing_at, answered_at, connected_at, ended_at";

    public async Task UpsertAsync(CallSnapshot call, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO call_records ({Columns}, ring_seconds, talk_seconds)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            ON CONFLICT (call_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                disposition = EXCLUDED.disposition, notes = EXCLUDED.notes, ringing_at = EXCLUDED.ringing_at, answered_at = EXCLUDED.answered_at,
                connected_at = EXCLUDED.connected_at, ended_at = EXCLUDED.ended_at, ring_seconds = EXCLUDED.ring_seconds, talk_seconds = EXCLUDED.talk_seconds
            """);
        object V(object? v) => v ?? DBNull.Value;
        var p = cmd.Parameters;
        p.Add(new() { Value = call.Id });
        p.Add(new() { Value = call.CampaignId });
        p.Add(new() { Value = V(call.LeadId), NpgsqlDbType = NpgsqlDbType.Bigint });
        p.Add(new() { Value = V(call.AgentId), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.Destination });
        p.Add(new() { Value = V(call.CallerId), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.Status.ToString() });
        p.Add(new() { Value = call.Outcome == CallOutcome.None ? DBNull.Value : call.Outcome.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = V(call.Disposition), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = V(call.Notes), NpgsqlDbType = NpgsqlDbType.Text });
        foreach (var t in new[] { call.CreatedAt, call.DialingAt, call.RingingAt, call.AnsweredAt, call.ConnectedAt, call.EndedAt })
            p.Add(new() { Value = V(t), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = V(call.RingSeconds), NpgsqlDbType = NpgsqlDbType.Double });
        p.Add(new() { Value = V(call.TalkSeconds), NpgsqlDbType = NpgsqlDbType.Double });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the call's details document (e.g. the AI agent's conversation) onto its record; false when there is no record.</summary>
    public async Task<bool> SaveDetailsAsync(string callId, string detailsJson, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE call_records SET details = $2::jsonb WHERE call_id = $1");
        cmd.Parameters.Add(new() { Value = callId });
        cmd.Parameters.Add(new() { Value = detailsJson, NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The call's details document as JSON; null when there is no record or nothing was written.</summary>
    public async Task<string?> GetDetailsAsync(string callId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT details::text FROM call_records WHERE call_id = $1 AND details <> '{}'::jsonb");
        cmd.Parameters.Add(new() { Value = callId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task<CallSnapshot?> GetAsync(string callId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM call_records WHERE call_id = $1");
        cmd.Parameters.Add(new() { Value = callId });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>One page of call detail records matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="Common.ValidationFailedException">The <c>before</c> cursor names no record.</exception>
    public async Task<IReadOnlyList<CallSnapshot>> ListAsync(CallRecordQuery query, CancellationToken ct = default)
    {
        // Up to 1,001: a page of 1,000 and the one record that tells whether another page follows.
        await using var cmd = CreateQuery(query, Math.Clamp(query.Limit, 1, 1001));
        var page = await ReadAsync(cmd, ct);
        if (page.Count == 0 && query.Before is not null && await GetAsync(query.Before, ct) is null)
            throw new Common.ValidationFailedException("before", $"No call record '{query.Before}': pass the id of the last call of the previous page.");
        return page;
    }

    /// <summary>Every call detail record matching <paramref name="query"/>, newest first, read as the caller consumes them.</summary>
    public async IAsyncEnumerable<CallSnapshot> StreamAsync(CallRecordQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = CreateQuery(query with { Before = null, After = null }, limit: null);
        cmd.CommandTimeout = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return Read(r);
    }

    // call_records_created_idx and the per-campaign, per-agent and per-lead indexes serve these in order.
    private NpgsqlCommand CreateQuery(CallRecordQuery q, int? limit)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM call_records{Where(cmd, q)} ORDER BY created_at DESC, call_id DESC" + (limit is { } n ? $" LIMIT {n}" : "");
        return cmd;
    }

    /// <summary>The WHERE clause of <paramref name="q"/>'s filters, their values added to <paramref name="cmd"/>.</summary>
    private static string Where(NpgsqlCommand cmd, CallRecordQuery q)
    {
        string P(object value, NpgsqlDbType type)
        {
            cmd.Parameters.Add(new() { Value = value, NpgsqlDbType = type });
            return "$" + cmd.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // A live call may have a row already (a transfer or a conversation's details hang off it): it is listed
        // with the live calls until it ends, never as a finished record as well.
        var where = new List<string> { "ended_at IS NOT NULL" };
        if (q.CampaignId is not null) where.Add($"campaign_id = {P(q.CampaignId, NpgsqlDbType.Text)}");
        if (q.AgentId is not null) where.Add($"agent_id = {P(q.AgentId, NpgsqlDbType.Text)}");
        if (q.LeadId is not null) where.Add($"lead_id = {P(q.LeadId.Value, NpgsqlDbType.Bigint)}");
        if (q.Outcome is not null) where.Add($"outcome = {P(q.Outcome.Value.ToString(), NpgsqlDbType.Text)}");
        if (q.Disposition is not null) where.Add($"disposition = {P(q.Disposition, NpgsqlDbType.Text)}");
        if (q.From is not null) where.Add($"created_at >= {P(q.From.Value, NpgsqlDbType.TimestampTz)}");
        if (q.To is not null) where.Add($"created_at < {P(q.To.Value, NpgsqlDbType.TimestampTz)}");
        if (q.Before is not null) where.Add($"(created_at, call_id) < (SELECT created_at, call_id FROM call_records WHERE call_id = {P(q.Before, NpgsqlDbType.Text)})");
        if (q.After is { } after) where.Add($"(created_at, call_id) < ({P(after.CreatedAt, NpgsqlDbType.TimestampTz)}, {P(after.CallId, NpgsqlDbType.Text)})");
        return " WHERE " + string.Join(" AND ", where);
    }

    /// <summary>
    /// The records matching <paramref name="query"/> summed per agent (calls without an agent, e.g. an
    /// AI agent's, are left out): attempts, answered calls, talk time and how each was dispositioned.
    /// </summary>
    public async Task<IReadOnlyList<CallSummary>> SummarizeByAgentAsync(CallRecordQuery query, CancellationToken ct = default) =>
        await SummarizeAsync("agent_id", query with { Before = null, After = null }, ct);

    /// <summary>The records matching <paramref name="query"/> summed per campaign.</summary>
    public async Task<IReadOnlyList<CallSummary>> SummarizeByCampaignAsync(CallRecordQuery query, CancellationToken ct = default) =>
        await SummarizeAsync("campaign_id", query with { Before = null, After = null }, ct);

    private async Task<IReadOnlyList<CallSummary>> SummarizeAsync(string key, CallRecordQuery query, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        var where = Where(cmd, query);
        // One pass: the totals per key, and per (key, outcome) and (key, disposition) for the breakdowns.
        cmd.CommandText = $"""
            SELECT {key}, outcome, disposition, count(*), count(*) FILTER (WHERE answered_at IS NOT NULL),
                   coalesce(sum(ring_seconds), 0), count(ring_seconds), coalesce(sum(talk_seconds), 0)
            FROM call_records{where} AND {key} IS NOT NULL
            GROUP BY {key}, outcome, disposition
            ORDER BY 1
            """;
        var summaries = new List<CallSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetString(0);
            if (summaries.Count == 0 || summaries[^1].Id != id) summaries.Add(new CallSummary(id));
            var s = summaries[^1];
            var count = r.GetInt64(3);
            s.Attempts += count;
            s.Answered += r.GetInt64(4);
            s.RingSeconds += r.GetDouble(5);
            s.RingCount += r.GetInt64(6);
            s.TalkSeconds += r.GetDouble(7);
            var outcome = r.IsDBNull(1) ? "None" : r.GetString(1);
            s.Outcomes[outcome] = s.Outcomes.GetValueOrDefault(outcome) + count;
            if (!r.IsDBNull(2)) s.Dispositions[r.GetString(2)] = s.Dispositions.GetValueOrDefault(r.GetString(2)) + count;
        }
        return summaries;
    }

    private static async Task<List<CallSnapshot>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var calls = new List<CallSnapshot>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) calls.Add(Read(r));
        return calls;
    }

    private static CallSnapshot Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        return new CallSnapshot
        {
            Id = r.GetString(0), CampaignId = r.GetString(1), LeadId = r.IsDBNull(2) ? null : r.GetInt64(2), AgentId = S(3),
            Destination = r.GetString(4), CallerId = S(5), Status = Enum.Parse<CallStatus>(r.GetString(6)),
            Outcome = S(7) is { } o ? Enum.Parse<CallOutcome>(o) : CallOutcome.None, Disposition = S(8), Notes = S(9),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(10), DialingAt = T(11), RingingAt = T(12), AnsweredAt = T(13), ConnectedAt = T(14), EndedAt = T(15),
        };
    }
}
