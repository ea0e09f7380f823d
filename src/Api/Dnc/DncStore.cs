using System.Buffers.Text;
using System.Text;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Api.Dnc;

/// <summary>
/// The <c>dnc_numbers</c> table: campaign '' is the global list. Adding a number globally also
/// marks its waiting leads DoNotCall, by the one rule <see cref="LeadStore"/> keeps for every path;
/// a campaign's entries leave the leads alone (the claims and the dial-time check skip the number
/// for that campaign only, since a list can feed several campaigns).
/// </summary>
public sealed class DncStore(NpgsqlDataSource db)
{
    private readonly LeadStore leads = new(db);

    public async Task<(DncEntry Entry, bool Added)> AddAsync(string phone, string campaignId, string? reason, CancellationToken ct = default)
    {
        // Two requests adding the same number at once: the later insert waits for the earlier one and
        // then does nothing, while its SELECT still sees the table as it was when the statement began,
        // so neither part returns the row. Asked again, the row is there.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryAddAsync(phone, campaignId, reason, ct) is { } result) return result;
            if (attempt == 3) throw new InvalidOperationException($"The DNC entry of {phone} was neither added nor found after {attempt} attempts.");
        }
    }

    private async Task<(DncEntry Entry, bool Added)?> TryAddAsync(string phone, string campaignId, string? reason, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH ins AS (INSERT INTO dnc_numbers (phone, campaign_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING phone, campaign_id, reason, created_at)
            SELECT phone, campaign_id, reason, created_at, true FROM ins
            UNION ALL SELECT phone, campaign_id, reason, created_at, false FROM dnc_numbers WHERE phone = $1 AND campaign_id = $2 AND NOT EXISTS (SELECT 1 FROM ins)
            """);
        cmd.Parameters.Add(new() { Value = phone });
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        DncEntry entry;
        bool added;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return null;
            entry = Read(r);
            added = r.GetBoolean(4);
        }
        // An entry already there marked its leads when it was added (and new leads are marked as they come in).
        if (added && campaignId.Length == 0) await leads.MarkWaitingLeadsDoNotCallAsync(phone, ct);
        return (entry, added);
    }

    public async Task<bool> RemoveAsync(string phone, string campaignId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM dnc_numbers WHERE phone = $1 AND campaign_id = $2");
        cmd.Parameters.Add(new() { Value = phone });
        cmd.Parameters.Add(new() { Value = campaignId });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Entries ordered by (campaign, phone); <paramref name="campaignId"/> null lists every campaign's and the global ones.</summary>
    public async Task<DncPage> ListAsync(string? campaignId, string? phone, string? after, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        var where = new List<string>();
        string P(object value)
        {
            cmd.Parameters.Add(new() { Value = value });
            return "$" + cmd.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (campaignId is not null) where.Add($"campaign_id = {P(campaignId)}");
        if (phone is not null) where.Add($"phone = {P(phone)}");
        if (!string.IsNullOrWhiteSpace(after))
        {
            var (afterCampaign, afterPhone) = DecodeCursor(after);
            where.Add($"(campaign_id, phone) > ({P(afterCampaign)}, {P(afterPhone)})");
        }
        cmd.CommandText = $"SELECT phone, campaign_id, reason, created_at FROM dnc_numbers {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY campaign_id, phone LIMIT {limit + 1}";
        var items = new List<DncEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(Read(r));
        var more = items.Count > limit;
        if (more) items.RemoveAt(items.Count - 1);
        return new DncPage(items, more ? EncodeCursor(items[^1]) : null);
    }

    /// <summary>Copies the numbers into a staging table and adds the new ones in one statement; returns (added, already listed, leads marked).</summary>
    public async Task<(long Added, long AlreadyListed, long LeadsMarked)> AddManyAsync(IAsyncEnumerable<string> phones, string campaignId, string? reason, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE dnc_import_rows (phone text NOT NULL) ON COMMIT DROP", connection))
            await create.ExecuteNonQueryAsync(ct);
        long staged = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY dnc_import_rows (phone) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var phone in phones.WithCancellation(ct))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(phone, NpgsqlDbType.Text, ct);
                staged++;
            }
            await copy.CompleteAsync(ct);
        }
        long added;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO dnc_numbers (phone, campaign_id, reason) SELECT DISTINCT phone, $1, $2 FROM dnc_import_rows ON CONFLICT DO NOTHING
            """, connection))
        {
            insert.Parameters.Add(new() { Value = campaignId });
            insert.Parameters.Add(new() { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.CommandTimeout = 0;
            added = await insert.ExecuteNonQueryAsync(ct);
        }
        // Inside the transaction: the numbers and the leads they mark are committed together.
        long marked = campaignId.Length == 0 && added > 0 ? await LeadStore.MarkWaitingLeadsDoNotCallAsync(connection, "dnc_import_rows", ct) : 0;
        await tx.CommitAsync(ct);
        return (added, staged - added, marked);
    }

    private static DncEntry Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetFieldValue<DateTimeOffset>(3));

    private static string EncodeCursor(DncEntry last) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(last.CampaignId + "\n" + last.Phone));

    private static (string Campaign, string Phone) DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n', 2);
            if (parts.Length == 2) return (parts[0], parts[1]);
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException("after", "Pass the 'next' value of the previous page.");
    }
}
