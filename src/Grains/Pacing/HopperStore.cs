using ContactCenter.Grains.Campaigns;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The set-based side of the hopper: claims the next callable leads for a campaign in one
/// statement. SKIP LOCKED lets several campaigns (on several silos) share lists without
/// waiting on each other or taking the same lead.
/// </summary>
public sealed class HopperStore(NpgsqlDataSource db) : ILeadClaims
{
    public async Task<IReadOnlyList<HopperEntry>> ClaimAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, int limit, DateTimeOffset now, CancellationToken ct = default)
    {
        if (listIds.Count == 0 || limit <= 0) return [];
        await using var cmd = CreateClaimCommand(campaignId, listIds, window, maxAttempts, limit, now);
        var rows = new List<(HopperEntry Entry, int ListRank, int KindRank)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add((new HopperEntry(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6)), r.GetInt32(3), r.GetInt32(4)));
        }
        return rows.OrderBy(x => x.ListRank).ThenBy(x => x.KindRank).ThenBy(x => x.Entry.LeadId).Select(x => x.Entry).ToList();
    }

    /// <summary>The claim statement of <see cref="ClaimAsync"/> with its parameters (the tests read its plan).</summary>
    internal NpgsqlCommand CreateClaimCommand(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, int limit, DateTimeOffset now)
    {
        // Priority: list order, then due personal callbacks, campaign callbacks, retries, new leads;
        // within each, the earliest due first. Each (list, kind) is walked down leads_hopper_idx in
        // that order, locking (SKIP LOCKED) and stopping after at most $6 leads, so a claim reads a
        // few dozen index entries whatever the size of the list; one ORDER BY over the whole list
        // read and sorted it all (1.6–2.8 s per claim on a million-lead list). Due leads outside their
        // calling hours are still read past on every claim (the local time needs each row).
        var cmd = db.CreateCommand($"""
            WITH picked AS (
                SELECT p.id, lists.list_rank::int AS list_rank, p.kind_rank
                FROM unnest($1::bigint[]) WITH ORDINALITY AS lists(list_id, list_rank),
                LATERAL (
                    {ClaimWalks(0, "status = 'Callback' AND callback_agent_id IS NOT NULL")}
                    UNION ALL
                    {ClaimWalks(1, "status = 'Callback' AND callback_agent_id IS NULL")}
                    UNION ALL
                    {ClaimWalks(2, "status = 'New' AND (attempts > 0) IS TRUE AND attempts < $5")}
                    UNION ALL
                    {ClaimWalks(3, "status = 'New' AND (attempts > 0) IS FALSE AND attempts < $5")}
                ) p
                ORDER BY lists.list_rank, p.kind_rank, p.next_callable_at NULLS LAST, p.id
                LIMIT $6)
            UPDATE leads l SET status = 'Queued', queued_by = $7, updated_at = now()
            FROM picked WHERE l.id = picked.id
            RETURNING l.id, l.phone, l.callback_agent_id, picked.list_rank, picked.kind_rank, l.list_id, l.state
            """);
        cmd.Parameters.Add(new() { Value = listIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var week = window.ByIsoWeekday();
        cmd.Parameters.Add(new() { Value = week.Select(d => d.Start).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Time });
        cmd.Parameters.Add(new() { Value = week.Select(d => d.End).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Time });
        cmd.Parameters.Add(new() { Value = maxAttempts });
        cmd.Parameters.Add(new() { Value = limit });
        cmd.Parameters.Add(new() { Value = campaignId });
        return cmd;
    }

    /// <summary>
    /// The walks of <see cref="ClaimAsync"/> for one kind on one list (<c>lists.list_id</c>): the due leads,
    /// earliest due first, inside their local calling hours ($2 now, $3/$4 the opening and closing
    /// time per ISO weekday), not on the global or the campaign's ($7) DNC list; at most $6, locked.
    /// Leads with a due time and leads without one (callable whenever) are two walks, each an index
    /// range of leads_hopper_idx: <c>next_callable_at &lt;= $2</c> stops at the first lead not yet due,
    /// where one walk with the due test as a filter read every retry and callback scheduled for later
    /// (235 ms per claim with 300,000 of them waiting; 0.5 ms split). One <c>IS NULL OR &lt;=</c>
    /// would have been worse: a bitmap OR of two ranges that loses the order and sorts the list.
    /// <c>(attempts > 0) IS TRUE/FALSE</c> match the index's boolean column (PostgreSQL would fold
    /// <c>NOT attempts > 0</c> into <c>attempts &lt;= 0</c>, which the index cannot serve).
    /// </summary>
    private static string ClaimWalks(int kindRank, string kind) =>
        ClaimWalk(kindRank, kind, "next_callable_at <= $2", "due") + "\n    UNION ALL\n" + ClaimWalk(kindRank, kind, "next_callable_at IS NULL", "any");

    private static string ClaimWalk(int kindRank, string kind, string due, string alias) => $"""
        SELECT * FROM (
            SELECT id, {kindRank} AS kind_rank, next_callable_at FROM leads
            WHERE list_id = lists.list_id AND {kind} AND {due}
              -- The lead's own clock decides: its local weekday picks the hours, its local time must be inside them.
              AND ($2 AT TIME ZONE coalesce(time_zone, 'UTC'))::time >= ($3::time[])[extract(isodow FROM $2 AT TIME ZONE coalesce(time_zone, 'UTC'))::int]
              AND ($2 AT TIME ZONE coalesce(time_zone, 'UTC'))::time < ($4::time[])[extract(isodow FROM $2 AT TIME ZONE coalesce(time_zone, 'UTC'))::int]
              -- A number on several clocks with nothing to decide (other_time_zones): inside the hours in every one of them.
              AND (other_time_zones IS NULL OR NOT EXISTS (
                    SELECT 1 FROM unnest(other_time_zones) z
                    WHERE ($2 AT TIME ZONE z)::time < ($3::time[])[extract(isodow FROM $2 AT TIME ZONE z)::int]
                       OR ($2 AT TIME ZONE z)::time >= ($4::time[])[extract(isodow FROM $2 AT TIME ZONE z)::int]))
              AND NOT EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = leads.phone AND d.campaign_id IN ('', $7))
            ORDER BY next_callable_at, id
            LIMIT $6
            FOR UPDATE SKIP LOCKED) AS {alias}{kindRank}
        """;

    /// <summary>
    /// When a claim that found nothing is worth trying again: the earliest moment a lead of the lists
    /// may become callable by time alone, that is a retry or callback falling due, or the calling
    /// window opening in the time zone of a lead that is due already (the same rules as the claim,
    /// DNC included). Null when no lead will by time alone. Reads the lists' unfinished leads, like
    /// <see cref="CountAsync"/>: meant for a campaign with nothing to dial, instead of claiming (and
    /// reading past every lead outside its hours) every couple of seconds through the night.
    /// </summary>
    public async Task<DateTimeOffset?> NextCallableAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, DateTimeOffset now, CancellationToken ct = default) =>
        (await FindNextCallableAsync(campaignId, listIds, window, maxAttempts, now, ct))?.At;

    /// <summary>As <see cref="NextCallableAsync"/>, with the lead's zone and whether it waits for its calling hours.</summary>
    public async Task<NextCallable?> FindNextCallableAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, DateTimeOffset now, CancellationToken ct = default)
    {
        if (listIds.Count == 0) return null;
        await using var cmd = db.CreateCommand("""
            SELECT coalesce(time_zone, 'UTC'),
                   bool_or(coalesce(next_callable_at, '-infinity') <= $2),
                   min(next_callable_at) FILTER (WHERE next_callable_at > $2),
                   coalesce(other_time_zones, '{}')
            FROM leads
            WHERE list_id = ANY($1) AND (status = 'Callback' OR (status = 'New' AND attempts < $3))
              AND NOT EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = leads.phone AND d.campaign_id IN ('', $4))
            GROUP BY 1, 4
            """);
        cmd.Parameters.Add(new() { Value = listIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = maxAttempts });
        cmd.Parameters.Add(new() { Value = campaignId });
        NextCallable? earliest = null;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            // PostgreSQL and .NET read the same IANA names; one .NET does not know counts as UTC, as in the claim's fallback.
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(r.GetString(0), out var found) ? found : TimeZoneInfo.Utc;
            // Leads on several clocks wait for the hours to be open in all of them, as the claim does.
            List<TimeZoneInfo> zones = [zone, .. r.GetFieldValue<string[]>(3).Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var z) ? z : TimeZoneInfo.Utc)];
            if (r.GetBoolean(1) && window.NextOpeningInAll(now, zones) is { } opens) earliest = Earlier(earliest, new NextCallable(opens, zone.Id, WaitsForCallingHours: true));
            if (!r.IsDBNull(2) && r.GetFieldValue<DateTimeOffset>(2) is var due && window.NextOpeningInAll(due, zones) is { } at)
                earliest = Earlier(earliest, new NextCallable(at, zone.Id, WaitsForCallingHours: at > due));
        }
        return earliest;

        static NextCallable? Earlier(NextCallable? a, NextCallable b) => a is null || b.At < a.At ? b : a;
    }

    /// <summary>Gives every lead this campaign holds undialed back to the pool (pause, stop, restart).</summary>
    public async Task<int> ReleaseAllAsync(string campaignId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE leads SET status = 'New', queued_by = NULL, updated_at = now() WHERE queued_by = $1 AND status = 'Queued'");
        cmd.Parameters.Add(new() { Value = campaignId });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives back every lead this campaign holds undialed except <paramref name="held"/> (the ones it knows it holds).</summary>
    public async Task<int> ReleaseAllExceptAsync(string campaignId, long[] held, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE leads SET status = 'New', queued_by = NULL, updated_at = now() WHERE queued_by = $1 AND status = 'Queued' AND id <> ALL($2)");
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = held, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives these leads, held undialed by this campaign, back to the pool (a list detached from it).</summary>
    public async Task ReleaseAsync(string campaignId, IReadOnlyCollection<long> leadIds, CancellationToken ct = default)
    {
        if (leadIds.Count == 0) return;
        await using var cmd = db.CreateCommand("UPDATE leads SET status = 'New', queued_by = NULL, updated_at = now() WHERE id = ANY($1) AND status = 'Queued' AND queued_by = $2");
        cmd.Parameters.Add(new() { Value = leadIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = campaignId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Whether any lead on the lists is not yet finished: stops at the first one found, where
    /// <see cref="CountAsync"/> reads every lead of the lists (~150 ms for a million).
    /// </summary>
    public async Task<bool> AnyRemainingAsync(IReadOnlyList<long> listIds, CancellationToken ct = default)
    {
        if (listIds.Count == 0) return false;
        await using var cmd = db.CreateCommand($"SELECT EXISTS (SELECT 1 FROM leads WHERE list_id = ANY($1::bigint[]) AND status IN ({UnfinishedStatuses}))");
        cmd.Parameters.Add(new() { Value = listIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private const string UnfinishedStatuses = "'New', 'Queued', 'Dialing', 'Contacted', 'Callback'";

    /// <summary>Leads on the lists, and those not yet finished (anything that may still be dialed).</summary>
    public async Task<(long Total, long Remaining)> CountAsync(IReadOnlyList<long> listIds, CancellationToken ct = default)
    {
        if (listIds.Count == 0) return (0, 0);
        await using var cmd = db.CreateCommand($"""
            SELECT count(*), count(*) FILTER (WHERE status IN ({UnfinishedStatuses}))
            FROM leads WHERE list_id = ANY($1::bigint[])
            """);
        cmd.Parameters.Add(new() { Value = listIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
