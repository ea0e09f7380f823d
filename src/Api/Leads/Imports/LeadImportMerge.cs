using Npgsql;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// The two ways an import's rows reach <c>leads</c>, both inside the import's transaction so a
/// failed or cancelled import leaves the list as it was: straight binary COPY when the import can
/// only add rows, or binary COPY into a staging table (a temporary table dropped at commit) and a
/// single set-based statement that merges it with the list's existing leads.
/// </summary>
/// <remarks>
/// Going straight into <c>leads</c> matters for speed: a staged million rows are written twice
/// (temporary table, then the merge reads them back, joins and inserts), which cost more than the
/// COPY itself in the benchmark. It is only taken when there is nothing to merge with.
/// </remarks>
public static class LeadImportMerge
{
    public const string StagingTable = "lead_import_rows";

    private const string CopiedColumns = "first_name, last_name, address, city, state, postal_code, country, phone, alt_phones, gender, email, comments, custom_fields, tags, time_zone, other_time_zones";

    public const string StagingCopyCommand = $"COPY {StagingTable} (line, {CopiedColumns}) FROM STDIN (FORMAT BINARY)";

    public const string DirectCopyCommand = $"COPY leads (list_id, {CopiedColumns}) FROM STDIN (FORMAT BINARY)";

    private const string LeadColumns = "list_id, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones, gender, email, comments, custom_fields, tags, time_zone, other_time_zones, status";

    // A number on the global DNC list is imported as DoNotCall, never dropped; per-campaign DNC
    // is checked at dial time because one list can feed several campaigns.
    private const string SelectLeads = """
        SELECT $1, s.first_name, s.last_name, s.address, s.city, s.state, s.postal_code, s.country, s.phone, s.alt_phones, s.gender,
               s.email, s.comments, s.custom_fields, s.tags, s.time_zone, s.other_time_zones, CASE WHEN d.phone IS NULL THEN 'New' ELSE 'DoNotCall' END
        FROM {0} s LEFT JOIN dnc_numbers d ON d.phone = s.phone AND d.campaign_id = ''
        """;

    /// <summary>
    /// Locks the list row for the rest of the transaction (two imports into one list take turns and
    /// see each other's rows; single leads added meanwhile wait for the commit), then picks the route
    /// and prepares it. Throws <see cref="Grains.Common.ValidationFailedException"/> when the list is gone.
    /// </summary>
    public static async Task<LeadImportRoute> BeginAsync(NpgsqlConnection connection, long listId, DuplicatePolicy policy, CancellationToken ct)
    {
        // The lock is a statement of its own: the check after it then sees a single lead whose
        // transaction the lock waited for (READ COMMITTED reads what was committed when a statement began).
        await using (var lockList = new NpgsqlCommand("SELECT 1 FROM lead_lists WHERE id = $1 FOR UPDATE", connection))
        {
            lockList.Parameters.Add(new() { Value = listId });
            if (await lockList.ExecuteScalarAsync(ct) is null) throw new Grains.Common.ValidationFailedException("listId", $"List {listId} was deleted before the import started.");
        }
        bool hasLeads;
        long idFloor;
        await using (var state = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM leads WHERE list_id = $1), nextval(pg_get_serial_sequence('leads', 'id'))", connection))
        {
            state.Parameters.Add(new() { Value = listId });
            await using var reader = await state.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            hasLeads = reader.GetBoolean(0);
            idFloor = reader.GetInt64(1);
        }
        var direct = policy == DuplicatePolicy.Allow || (policy == DuplicatePolicy.Skip && !hasLeads);
        if (!direct) await CreateStagingAsync(connection, ct);
        return new LeadImportRoute(listId, direct, idFloor);
    }

    private static async Task CreateStagingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            CREATE TEMP TABLE {StagingTable} (
                line bigint, first_name text, last_name text, address text, city text, state text, postal_code text, country text,
                phone text NOT NULL, alt_phones text[], gender text, email text, comments text, custom_fields jsonb, tags text[], time_zone text,
                other_time_zones text[]
            ) ON COMMIT DROP
            """, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Opens the route's COPY for rows already in PostgreSQL's binary format (see
    /// <see cref="LeadCopyBatch"/>), synchronously: the pipeline's writer has a thread of its own.
    /// </summary>
    public static NpgsqlRawCopyStream BeginCopy(NpgsqlConnection connection, LeadImportRoute route) =>
        connection.BeginRawBinaryCopy(route.Direct ? DirectCopyCommand : StagingCopyCommand);

    /// <summary>
    /// Completes the route after the COPY: marks the added rows on the global DNC list (direct), or
    /// merges the staged rows into the list under <paramref name="policy"/> (staging); fills the
    /// imported / updated / duplicates / DNC counters and turns the foreign-key checks back on.
    /// </summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, LeadImportRoute route, DuplicatePolicy policy, long copiedRows, LeadImportCounters counters, CancellationToken ct)
    {
        if (route.Direct)
        {
            // The rows went in as New; the few on the global DNC list are found by the phone index.
            await using var dnc = new NpgsqlCommand("""
                UPDATE leads l SET status = 'DoNotCall' FROM dnc_numbers d
                WHERE l.list_id = $1 AND l.id > $2 AND d.campaign_id = '' AND d.phone = l.phone
                """, connection) { CommandTimeout = 0 };
            dnc.Parameters.Add(new() { Value = route.ListId });
            dnc.Parameters.Add(new() { Value = route.IdFloor });
            counters.DoNotCall = await dnc.ExecuteNonQueryAsync(ct);
            counters.Imported = copiedRows;
        }
        else
        {
            await MergeAsync(connection, route.ListId, policy, copiedRows, counters, ct);
        }
    }

    private static async Task MergeAsync(NpgsqlConnection connection, long listId, DuplicatePolicy policy, long stagedRows, LeadImportCounters counters, CancellationToken ct)
    {
        var select = string.Format(System.Globalization.CultureInfo.InvariantCulture, SelectLeads, policy == DuplicatePolicy.Update ? "src" : StagingTable);
        var notInList = " WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.list_id = $1 AND l.phone = s.phone)";
        var sql = policy switch
        {
            // Skip and allow count the DNC rows first and insert without RETURNING: a million
            // returned rows would only be spooled to count them.
            DuplicatePolicy.Allow or DuplicatePolicy.Skip => $"""
                INSERT INTO leads ({LeadColumns}) {select}{(policy == DuplicatePolicy.Skip ? notInList : "")} ORDER BY s.line
                """,
            _ => $"""
                WITH src AS (SELECT DISTINCT ON (phone) * FROM {StagingTable} ORDER BY phone, line DESC),
                upd AS (
                    UPDATE leads l SET {LeadProfileMerge.SetFromSource}
                    FROM src s WHERE l.list_id = $1 AND l.phone = s.phone
                    RETURNING l.id),
                ins AS (INSERT INTO leads ({LeadColumns}) {select}{notInList} ORDER BY s.line RETURNING status)
                SELECT (SELECT count(*) FROM ins), (SELECT count(*) FILTER (WHERE status = 'DoNotCall') FROM ins), (SELECT count(*) FROM upd)
                """,
        };
        await using var merge = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        merge.Parameters.Add(new() { Value = listId });
        if (policy == DuplicatePolicy.Update)
        {
            await using var r = await merge.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            counters.Imported = r.GetInt64(0);
            counters.DoNotCall = r.GetInt64(1);
            counters.Updated = r.GetInt64(2);
        }
        else
        {
            // The list row is locked, so no other import changes which of these rows are new.
            await using (var dnc = new NpgsqlCommand($"""
                SELECT count(*) FROM {StagingTable} s JOIN dnc_numbers d ON d.phone = s.phone AND d.campaign_id = ''
                {(policy == DuplicatePolicy.Skip ? "AND" + notInList[" WHERE".Length..] : "")}
                """, connection) { CommandTimeout = 0 })
            {
                dnc.Parameters.Add(new() { Value = listId });
                counters.DoNotCall = (long)(await dnc.ExecuteScalarAsync(ct))!;
            }
            counters.Imported = await merge.ExecuteNonQueryAsync(ct);
        }
        counters.AddDuplicates(stagedRows - counters.Imported);
    }
}
