using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// Reads and writes the <c>leads</c> and <c>lead_lists</c> tables. Every status change is a
/// conditional UPDATE, so the database refuses a second concurrent dial even when two silos race.
/// </summary>
public sealed class LeadStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, list_id, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones, gender, email,
        comments, custom_fields::text, tags, time_zone, status, attempts, last_outcome, disposition, notes, next_callable_at,
        callback_agent_id, current_call_id, created_at, updated_at, other_time_zones
        """;

    public async Task<LeadList> CreateListAsync(string name, string defaultRegion, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("INSERT INTO lead_lists (name, default_region) VALUES ($1, $2) RETURNING id, name, default_region, created_at");
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = defaultRegion });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new LeadList(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), 0);
    }

    public async Task<LeadList?> GetListAsync(long id, CancellationToken ct = default) =>
        (await QueryListsAsync("WHERE l.id = $1", id, ct)).FirstOrDefault();

    public Task<IReadOnlyList<LeadList>> GetListsAsync(CancellationToken ct = default) => QueryListsAsync("", null, ct);

    private async Task<IReadOnlyList<LeadList>> QueryListsAsync(string where, long? id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT l.id, l.name, l.default_region, l.created_at, (SELECT count(*) FROM leads WHERE list_id = l.id)
            FROM lead_lists l {where} ORDER BY l.id
            """);
        if (id is { } value) cmd.Parameters.Add(new() { Value = value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var lists = new List<LeadList>();
        while (await r.ReadAsync(ct)) lists.Add(new LeadList(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetInt64(4)));
        return lists;
    }

    /// <summary>
    /// Adds one lead to its list; refused when the list does not exist (or was just removed). The
    /// list row is share-locked by the same statement, so the list cannot go before we commit
    /// (migration 0005: leads carry no foreign key, every writer locks its list).
    /// </summary>
    public async Task<Lead> InsertAsync(NewLead lead, string e164, string? timeZone, CancellationToken ct = default) =>
        await InsertAsync(lead, e164, new LeadZones(timeZone, []), ct);

    public async Task<Lead> InsertAsync(NewLead lead, string e164, LeadZones zones, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(InsertSql);
        return await InsertAsync(cmd, lead, e164, zones, ct);
    }

    private const string InsertSql = $"""
        WITH list AS (SELECT id FROM lead_lists WHERE id = $1 FOR KEY SHARE)
        INSERT INTO leads (list_id, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones,
                           gender, email, comments, custom_fields, tags, time_zone, other_time_zones, status)
        SELECT list.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17,
               CASE WHEN EXISTS (SELECT 1 FROM dnc_numbers WHERE phone = $9 AND campaign_id = '') THEN 'DoNotCall' ELSE 'New' END
        FROM list
        RETURNING {Columns}
        """;

    private static async Task<Lead> InsertAsync(NpgsqlCommand cmd, NewLead lead, string e164, LeadZones zones, CancellationToken ct)
    {
        cmd.Parameters.Add(new() { Value = lead.ListId });
        AddProfileParameters(cmd, lead.ToProfile(e164, zones.Zone, zones.Others));
        return (await ReadLeadsAsync(cmd, ct)).SingleOrDefault()
            ?? throw new Common.ValidationFailedException("listId", $"List {lead.ListId} does not exist.");
    }

    /// <summary>
    /// Adds one lead unless its number is in the list already and <paramref name="duplicates"/> says
    /// otherwise (the rule of a CSV import): under <see cref="DuplicatePolicy.Skip"/> the lead already
    /// there is returned unchanged, under <see cref="DuplicatePolicy.Update"/> it takes the new fields
    /// (<see cref="LeadProfileMerge"/>), under <see cref="DuplicatePolicy.Allow"/> a second lead is added.
    /// </summary>
    /// <remarks>
    /// Two requests for the same number must not both find the list free of it, so the check and the
    /// insert run in one transaction under an advisory lock on (list, number), which only the same number
    /// waits for; no unique index can say it, since <see cref="DuplicatePolicy.Allow"/> lets duplicates in.
    /// The list row is share-locked in a statement of its own before the check: an import holds it for
    /// update until it commits, and a check in a later statement sees the import's rows (in READ COMMITTED
    /// each statement reads what was committed when it began).
    /// </remarks>
    public Task<LeadAddition> AddAsync(NewLead lead, string e164, string? timeZone, DuplicatePolicy duplicates, CancellationToken ct = default) =>
        AddAsync(lead, e164, new LeadZones(timeZone, []), duplicates, ct);

    public async Task<LeadAddition> AddAsync(NewLead lead, string e164, LeadZones zones, DuplicatePolicy duplicates, CancellationToken ct = default)
    {
        if (duplicates == DuplicatePolicy.Allow) return new(LeadAddOutcome.Added, await InsertAsync(lead, e164, zones, ct));
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($2, $1))", connection, tx))
        {
            take.Parameters.Add(new() { Value = lead.ListId });
            take.Parameters.Add(new() { Value = e164 });
            await take.ExecuteNonQueryAsync(ct);
        }
        await using (var list = new NpgsqlCommand("SELECT 1 FROM lead_lists WHERE id = $1 FOR KEY SHARE", connection, tx))
        {
            list.Parameters.Add(new() { Value = lead.ListId });
            if (await list.ExecuteScalarAsync(ct) is null) throw new Common.ValidationFailedException("listId", $"List {lead.ListId} does not exist.");
        }
        long? existingId;
        await using (var find = new NpgsqlCommand("SELECT min(id) FROM leads WHERE list_id = $1 AND phone = $2", connection, tx))
        {
            find.Parameters.Add(new() { Value = lead.ListId });
            find.Parameters.Add(new() { Value = e164 });
            existingId = await find.ExecuteScalarAsync(ct) as long?;
        }
        LeadAddition result;
        if (existingId is null)
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection, tx);
            result = new(LeadAddOutcome.Added, await InsertAsync(insert, lead, e164, zones, ct));
        }
        else
        {
            if (duplicates == DuplicatePolicy.Update)
            {
                // Every lead of the list with the number, as an import's update does (Allow may have added several).
                await using var update = new NpgsqlCommand($"""
                    UPDATE leads l SET {LeadProfileMerge.SetFromSource}
                    FROM (SELECT $2::text AS first_name, $3::text AS last_name, $4::text AS address, $5::text AS city, $6::text AS state,
                                 $7::text AS postal_code, $8::text AS country, $10::text[] AS alt_phones, $11::text AS gender, $12::text AS email,
                                 $13::text AS comments, $14::jsonb AS custom_fields, $15::text[] AS tags, $16::text AS time_zone,
                                 $17::text[] AS other_time_zones) s
                    WHERE l.list_id = $1 AND l.phone = $9
                    """, connection, tx);
                update.Parameters.Add(new() { Value = lead.ListId });
                AddProfileParameters(update, lead.ToProfile(e164, zones.Zone, zones.Others));
                await update.ExecuteNonQueryAsync(ct);
            }
            await using var read = new NpgsqlCommand($"SELECT {Columns} FROM leads WHERE id = $1", connection, tx);
            read.Parameters.Add(new() { Value = existingId.Value });
            var existing = (await ReadLeadsAsync(read, ct)).Single();
            result = new(duplicates == DuplicatePolicy.Update ? LeadAddOutcome.Updated : LeadAddOutcome.Duplicate, existing);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>$2..$17 of <see cref="InsertAsync"/> and <see cref="UpdateProfileAsync"/>: the profile, the E.164 phone ($9), the time zone ($16) and the other candidate zones ($17).</summary>
    private static void AddProfileParameters(NpgsqlCommand cmd, LeadProfile lead)
    {
        static object N(string? s) => string.IsNullOrWhiteSpace(s) ? DBNull.Value : s.Trim();
        foreach (var v in new[] { lead.FirstName, lead.LastName, lead.Address, lead.City, lead.State, lead.PostalCode, lead.Country })
            cmd.Parameters.Add(new() { Value = N(v), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = lead.Phone });
        cmd.Parameters.Add(new() { Value = lead.AltPhones.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = N(lead.Gender), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = N(lead.Email), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = N(lead.Comments), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = lead.CustomFields });
        cmd.Parameters.Add(new() { Value = lead.Tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)lead.TimeZone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = lead.OtherTimeZones is { Count: > 0 } others ? others.ToArray() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    /// <summary>
    /// Replaces a lead's profile (names, address, phones, e-mail, comments, custom fields, tags; the
    /// dialing state stays). The phone may change only while no call is placed or queued with it
    /// (not Queued, Dialing or Contacted); a new phone on the global DNC list makes a waiting lead
    /// DoNotCall, and a change never lifts DoNotCall (that status may be the person's wish, not the
    /// number's). Null when the lead does not exist or its phone may not change now.
    /// </summary>
    public async Task<Lead?> UpdateProfileAsync(long id, LeadProfile profile, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE leads SET first_name = $2, last_name = $3, address = $4, city = $5, state = $6, postal_code = $7, country = $8,
                phone = $9, alt_phones = $10, gender = $11, email = $12, comments = $13, custom_fields = $14::jsonb, tags = $15, time_zone = $16, other_time_zones = $17,
                status = CASE WHEN phone <> $9 AND status IN ({WaitingStatuses}) AND {OnGlobalDnc("$9")} THEN 'DoNotCall' ELSE status END,
                updated_at = now()
            WHERE id = $1 AND (phone = $9 OR status NOT IN ('Queued', 'Dialing', 'Contacted'))
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = id });
        AddProfileParameters(cmd, profile);
        return (await ReadLeadsAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Deletes a lead unless a call is placed with it (Dialing, Contacted); its call records stay.
    /// True when deleted, false when refused for that call, null when there is no such lead.
    /// </summary>
    public async Task<bool?> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            WITH target AS (SELECT id, status FROM leads WHERE id = $1 FOR UPDATE),
                 deleted AS (DELETE FROM leads WHERE id IN (SELECT id FROM target WHERE status NOT IN ('Dialing', 'Contacted')) RETURNING id)
            SELECT EXISTS (SELECT 1 FROM target), EXISTS (SELECT 1 FROM deleted)
            """);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetBoolean(0) ? r.GetBoolean(1) : null;
    }

    public async Task<Lead?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM leads WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return (await ReadLeadsAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>One page of leads matching <paramref name="query"/>, in its sort, after its cursor.</summary>
    public async Task<LeadPage> SearchAsync(LeadQuery query, CancellationToken ct = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        await using var cmd = db.CreateCommand();
        LeadSearch.Build(cmd, query, Columns, limit + 1);
        var rows = await ReadLeadsAsync(cmd, ct);
        var more = rows.Count > limit;
        var items = more ? rows.Take(limit).ToList() : rows;
        return new LeadPage(items, more ? LeadCursor.After(query.Sort ?? LeadOrder.Default, items[^1]).Encode() : null);
    }

    /// <summary>Every lead matching <paramref name="query"/> (its cursor and limit ignored), streamed as PostgreSQL sends them.</summary>
    public async IAsyncEnumerable<Lead> StreamAsync(LeadQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        LeadSearch.Build(cmd, query with { After = null }, Columns, limit: null);
        cmd.CommandTimeout = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return ReadLead(r);
    }

    /// <summary>Renames a list or changes its default region; null when it does not exist.</summary>
    public async Task<LeadList?> UpdateListAsync(long id, string name, string defaultRegion, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE lead_lists SET name = $2, default_region = $3, updated_at = now() WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = defaultRegion });
        return await cmd.ExecuteNonQueryAsync(ct) == 0 ? null : await GetListAsync(id, ct);
    }

    /// <summary>Deletes a list with its leads unless one of them is being dialed; false when the list does not exist.</summary>
    public async Task<bool> DeleteListAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            WITH busy AS (SELECT 1 FROM leads WHERE list_id = $1 AND status IN ('Dialing', 'Contacted') LIMIT 1)
            DELETE FROM lead_lists WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM busy) RETURNING id
            """);
        cmd.Parameters.Add(new() { Value = id });
        if (await cmd.ExecuteScalarAsync(ct) is not null) return true;
        if (await GetListAsync(id, ct) is null) return false;
        throw new Common.InvalidTransitionException($"List {id} has leads on a live call; delete it when those calls end.");
    }

    /// <summary>
    /// Puts finished (Done) and waiting (New) leads of a list whose last outcome or disposition
    /// matches back to New, callable now; optionally with their attempts reset. Returns how many.
    /// </summary>
    public async Task<int> RecycleAsync(long listId, IReadOnlyList<string> outcomes, IReadOnlyList<string> dispositions, bool resetAttempts, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE leads SET status = 'New', next_callable_at = NULL, callback_agent_id = NULL,
                   attempts = CASE WHEN $4 THEN 0 ELSE attempts END, updated_at = now()
            WHERE list_id = $1 AND status IN ('Done', 'New')
              AND (last_outcome = ANY($2) OR disposition = ANY($3))
              AND NOT {OnGlobalDnc("leads.phone")}
            """);
        cmd.Parameters.Add(new() { Value = listId });
        cmd.Parameters.Add(new() { Value = outcomes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = dispositions.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = resetAttempts });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// New/Queued/Callback → Dialing when the number is on neither the global DNC list nor
    /// <paramref name="campaignId"/>'s; null with the reason when refused. A refusal for the global list
    /// makes the number's waiting leads DoNotCall (<see cref="MarkWaitingLeadsDoNotCallAsync(string, CancellationToken)"/>);
    /// one for the campaign's list only gives the lead back to the pool if this campaign held it, since a
    /// list can feed several campaigns and the others may still dial it.
    /// </summary>
    public async Task<(Lead? Lead, string? Refusal)> BeginDialAsync(long id, string callId, string campaignId, DialGrounds? grounds = null, CancellationToken ct = default)
    {
        // One statement marks the lead and stores the attempt's grounds (the dial audit): no attempt without them.
        await using var cmd = db.CreateCommand($"""
            WITH dialed AS (
                UPDATE leads SET status = 'Dialing', current_call_id = $2, attempts = attempts + 1, queued_by = NULL, updated_at = now()
                WHERE id = $1 AND status IN ({WaitingStatuses})
                  AND NOT EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = leads.phone AND d.campaign_id IN ('', $3))
                RETURNING {Columns}
            ), audited AS (
                INSERT INTO dial_attempts (call_id, lead_id, list_id, campaign_id, dialed_at, attempt, previous_outcome, callable_since,
                                           time_zone, calling_window, retry_policy, dnc_checked, caller_id, caller_id_reason)
                SELECT $2, id, list_id, $3, now(), attempts, last_outcome, next_callable_at, time_zone, $4::jsonb, $5::jsonb,
                       CASE WHEN $3 = '' THEN ARRAY['global'] ELSE ARRAY['global', 'campaign'] END, $6, $7
                FROM dialed
                ON CONFLICT (call_id) DO NOTHING
            )
            SELECT * FROM dialed
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = callId });
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = grounds is null ? DBNull.Value : JsonSerializer.Serialize(grounds.Window, DialAttemptJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = grounds is null ? DBNull.Value : JsonSerializer.Serialize(grounds.Retry, DialAttemptJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)grounds?.CallerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = grounds?.CallerIdReason ?? "not stated by the caller", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        try
        {
            var lead = (await ReadLeadsAsync(cmd, ct)).FirstOrDefault();
            if (lead is not null) return (lead, null);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (null, "Another call to the same phone number is live.");
        }
        return await RefusalAsync(id, campaignId, ct);
    }

    /// <summary>Why <see cref="BeginDialAsync"/> found nothing to change, acting on a DNC hit as its scope says.</summary>
    private async Task<(Lead? Lead, string? Refusal)> RefusalAsync(long id, string campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT l.phone, l.status, {OnGlobalDnc("l.phone")},
                   EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = l.phone AND d.campaign_id = $2 AND $2 <> '')
            FROM leads l WHERE l.id = $1
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = campaignId });
        string phone, status;
        bool global, campaign;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return (null, "The lead does not exist.");
            (phone, status, global, campaign) = (r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3));
        }
        if (status is not (nameof(LeadStatus.New) or nameof(LeadStatus.Queued) or nameof(LeadStatus.Callback)))
            return (null, $"The lead is {status}.");
        if (global)
        {
            await MarkWaitingLeadsDoNotCallAsync(phone, ct);
            return (null, "The number is on the global do-not-call list.");
        }
        if (campaign)
        {
            await ReleaseQueuedAsync(id, campaignId, ct);
            return (null, "The number is on this campaign's do-not-call list.");
        }
        // Neither list holds it now (an entry removed meanwhile) nor was the status wrong: a concurrent change won.
        return (null, $"The lead changed meanwhile (it is {status}).");
    }

    /// <summary>
    /// Gives a lead this campaign held undialed back to the pool, as its hopper does when it lets leads go
    /// (its due time kept), so that the campaigns the number is not barred from can claim it.
    /// </summary>
    private async Task ReleaseQueuedAsync(long id, string campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE leads SET status = 'New', queued_by = NULL, updated_at = now() WHERE id = $1 AND status = 'Queued' AND queued_by = $2");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = campaignId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves a lead out of a state it must be in (the grain's transition rules decided the target).</summary>
    public async Task<Lead?> TransitionAsync(long id, LeadStatus expected, LeadTransition change, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE leads SET status = $3,
                last_outcome = coalesce($4, last_outcome),
                disposition = coalesce($5, disposition),
                notes = CASE WHEN $6::text IS NULL THEN notes WHEN notes IS NULL THEN $6 ELSE notes || E'\n' || $6 END,
                tags = CASE WHEN $7::text[] IS NULL THEN tags ELSE ARRAY(SELECT DISTINCT unnest(tags || $7::text[])) END,
                next_callable_at = $8, callback_agent_id = $9,
                current_call_id = CASE WHEN $3 = 'Contacted' THEN current_call_id ELSE NULL END,
                queued_by = NULL, updated_at = now()
            WHERE id = $1 AND status = $2
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = expected.ToString() });
        cmd.Parameters.Add(new() { Value = change.To.ToString() });
        cmd.Parameters.Add(new() { Value = (object?)change.Outcome ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)change.Disposition ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)change.Notes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)change.Tags?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        // Npgsql writes only UTC offsets to timestamptz; a callback time may come with the agent's own offset.
        cmd.Parameters.Add(new() { Value = (object?)change.NextCallableAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)change.CallbackAgentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (await ReadLeadsAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Records how the lead's live call <paramref name="callId"/> ended, in one statement: Contacted
    /// when answered; else New again after <paramref name="retryDelay"/> while attempts remain
    /// (the attempt was counted when the call was placed), else Done. Null when the lead is not
    /// dialing that call.
    /// </summary>
    public async Task<Lead?> RecordAttemptAsync(long id, string callId, string outcome, bool answered, TimeSpan? retryDelay, int maxAttempts,
        DateTimeOffset now, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE leads SET
                status = CASE WHEN $3 THEN 'Contacted' WHEN $4::interval IS NOT NULL AND attempts < $5 THEN 'New' ELSE 'Done' END,
                next_callable_at = CASE WHEN NOT $3 AND $4::interval IS NOT NULL AND attempts < $5 THEN $6 + $4::interval END,
                current_call_id = CASE WHEN $3 THEN current_call_id END,
                last_outcome = $7, callback_agent_id = NULL, queued_by = NULL, updated_at = now()
            WHERE id = $1 AND status = 'Dialing' AND current_call_id = $2
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = callId });
        cmd.Parameters.Add(new() { Value = answered });
        cmd.Parameters.Add(new() { Value = (object?)retryDelay ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Interval });
        cmd.Parameters.Add(new() { Value = maxAttempts });
        cmd.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = outcome });
        return (await ReadLeadsAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>Leads with a call in flight or awaiting its disposition, after <paramref name="afterId"/>, in id order.</summary>
    public async Task<List<(long LeadId, string CallId)>> LiveCallsAsync(long afterId, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, current_call_id FROM leads
            WHERE status IN ('Dialing', 'Contacted') AND current_call_id IS NOT NULL AND id > $1
            ORDER BY id LIMIT $2
            """);
        cmd.Parameters.Add(new() { Value = afterId });
        cmd.Parameters.Add(new() { Value = limit });
        var calls = new List<(long, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) calls.Add((r.GetInt64(0), r.GetString(1)));
        return calls;
    }

    /// <summary>
    /// The statuses of a lead waiting to be dialed: in its list, held by a campaign's hopper, or due back
    /// as a callback. These, and only these, become DoNotCall when their number is on the global list; a
    /// lead on a call keeps it (its next dial is refused) and a finished one stays as it ended.
    /// </summary>
    private const string WaitingStatuses = "'New', 'Queued', 'Callback'";

    /// <summary>Whether the number in <paramref name="phone"/> (a column or parameter) is on the global DNC list (campaign '').</summary>
    private static string OnGlobalDnc(string phone) => $"EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = {phone} AND d.campaign_id = '')";

    /// <summary>
    /// The rule for the global DNC list, in one place: every waiting lead of <paramref name="phones"/>
    /// (a query of one text column) whose number is on the global list becomes DoNotCall, for every
    /// campaign. A campaign's own entries never change a lead's status: the claims and the dial-time
    /// check skip the number for that campaign only. Nothing lifts DoNotCall again (it may be the
    /// person's wish), not even removing the entry.
    /// </summary>
    private static string MarkWaitingLeadsSql(string phones) => $"""
        UPDATE leads SET status = 'DoNotCall', queued_by = NULL, updated_at = now()
        WHERE phone IN ({phones}) AND status IN ({WaitingStatuses}) AND {OnGlobalDnc("leads.phone")}
        """;

    /// <summary>Applies the global DNC rule (see <see cref="MarkWaitingLeadsSql"/>) to one number; returns the leads marked.</summary>
    public async Task<int> MarkWaitingLeadsDoNotCallAsync(string phone, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(MarkWaitingLeadsSql("SELECT $1::text"));
        cmd.Parameters.Add(new() { Value = phone });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Applies the global DNC rule to the numbers in column <c>phone</c> of <paramref name="stagingTable"/>,
    /// on the caller's connection (and so inside its transaction, where the table may be temporary).
    /// </summary>
    public static async Task<int> MarkWaitingLeadsDoNotCallAsync(NpgsqlConnection connection, string stagingTable, CancellationToken ct = default)
    {
        // The name goes into the SQL text: only a plain identifier of ours is accepted.
        if (!System.Text.RegularExpressions.Regex.IsMatch(stagingTable, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException("A staging table is named by a plain lower-case identifier.", nameof(stagingTable));
        await using var cmd = new NpgsqlCommand(MarkWaitingLeadsSql($"SELECT phone FROM {stagingTable}"), connection) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Puts a number on the DNC list: <paramref name="campaignId"/> '' is the global list, whose rule then
    /// marks the number's waiting leads (<see cref="MarkWaitingLeadsDoNotCallAsync(string, CancellationToken)"/>).
    /// </summary>
    public async Task AddToDncAsync(string phone, string campaignId, string reason, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("INSERT INTO dnc_numbers (phone, campaign_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        cmd.Parameters.Add(new() { Value = phone });
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = reason });
        await cmd.ExecuteNonQueryAsync(ct);
        if (campaignId.Length == 0) await MarkWaitingLeadsDoNotCallAsync(phone, ct);
    }

    internal static async Task<List<Lead>> ReadLeadsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var leads = new List<Lead>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) leads.Add(ReadLead(r));
        return leads;
    }

    private static Lead ReadLead(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new Lead
        {
            Id = r.GetInt64(0), ListId = r.GetInt64(1), FirstName = S(2), LastName = S(3), Address = S(4), City = S(5), State = S(6),
            PostalCode = S(7), Country = S(8), Phone = r.GetString(9), AltPhones = [.. r.GetFieldValue<string[]>(10)], Gender = S(11),
            Email = S(12), Comments = S(13), CustomFields = r.GetString(14), Tags = [.. r.GetFieldValue<string[]>(15)], TimeZone = S(16),
            Status = Enum.Parse<LeadStatus>(r.GetString(17)), Attempts = r.GetInt32(18), LastOutcome = S(19), Disposition = S(20),
            Notes = S(21), NextCallableAt = r.IsDBNull(22) ? null : r.GetFieldValue<DateTimeOffset>(22), CallbackAgentId = S(23),
            CurrentCallId = S(24), CreatedAt = r.GetFieldValue<DateTimeOffset>(25), UpdatedAt = r.GetFieldValue<DateTimeOffset>(26),
            OtherTimeZones = r.IsDBNull(27) ? [] : [.. r.GetFieldValue<string[]>(27)],
        };
    }
}
