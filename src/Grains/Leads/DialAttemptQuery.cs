using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ContactCenter.Grains.Pacing;
using Npgsql;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// Reads the dial audit (<c>dial_attempts</c>, written only by <see cref="LeadStore.BeginDialAsync"/>) with
/// each attempt's outcome from its call record, and says in words what the stored rules were.
/// </summary>
public sealed class DialAttemptQuery(NpgsqlDataSource db)
{
    private const string Select = """
        SELECT a.call_id, a.lead_id, a.list_id, a.campaign_id, a.dialed_at, a.attempt, a.previous_outcome, a.callable_since, a.time_zone,
               a.calling_window::text, a.retry_policy::text, a.dnc_checked, a.caller_id, a.caller_id_reason, r.outcome, r.disposition
        FROM dial_attempts a LEFT JOIN call_records r ON r.call_id = a.call_id
        """;

    /// <summary>Every attempt on one lead, oldest first.</summary>
    public async Task<IReadOnlyList<DialAttempt>> ForLeadAsync(long leadId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{Select} WHERE a.lead_id = $1 ORDER BY a.dialed_at, a.call_id");
        cmd.Parameters.Add(new() { Value = leadId });
        var attempts = new List<DialAttempt>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) attempts.Add(Read(reader));
        return attempts;
    }

    /// <summary>A campaign's attempts placed in [<paramref name="from"/>, <paramref name="to"/>), in order, streamed.</summary>
    public async IAsyncEnumerable<DialAttempt> ForCampaignAsync(string campaignId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{Select} WHERE a.campaign_id = $1 AND a.dialed_at >= $2 AND a.dialed_at < $3 ORDER BY a.dialed_at, a.call_id");
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = from.UtcDateTime });
        cmd.Parameters.Add(new() { Value = to.UtcDateTime });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Read(reader);
    }

    private static DialAttempt Read(NpgsqlDataReader r)
    {
        var dialedAt = new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero);
        var zoneId = r.IsDBNull(8) ? null : r.GetString(8);
        var window = r.IsDBNull(9) ? null : JsonSerializer.Deserialize<CallingWindow>(r.GetString(9), DialAttemptJson.Options);
        var retry = r.IsDBNull(10) ? null : JsonSerializer.Deserialize<RetryPolicy>(r.GetString(10), DialAttemptJson.Options);
        DateTime? local = Zone(zoneId) is { } zone ? TimeZoneInfo.ConvertTime(dialedAt, zone).DateTime : null;
        return new DialAttempt(
            r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), dialedAt, r.GetInt32(5), retry?.MaxAttempts,
            r.IsDBNull(6) ? null : r.GetString(6),
            r.IsDBNull(7) ? null : new DateTimeOffset(r.GetDateTime(7), TimeSpan.Zero),
            zoneId, local,
            window is null ? null : Describe(window),
            window is null || local is null ? null : window.Allows(local.Value),
            [.. r.GetFieldValue<string[]>(11)],
            r.IsDBNull(12) ? null : r.GetString(12),
            r.GetString(13),
            retry is null ? null : Describe(retry),
            r.IsDBNull(14) ? null : r.GetString(14),
            r.IsDBNull(15) ? null : r.GetString(15));
    }

    private static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    /// <summary>"08:00-21:00; Sat 10:00-16:00; Sun closed".</summary>
    internal static string Describe(CallingWindow w)
    {
        var parts = new List<string> { $"{w.Start}-{w.End}" };
        foreach (var day in w.Weekdays ?? [])
        {
            var name = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day.Day);
            parts.Add(day.Closed ? $"{name} closed" : $"{name} {day.Start ?? w.Start}-{day.End ?? w.End}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>"at most 3 attempts; again after busy 10 min, no answer 60 min, voicemail 240 min, carrier error 5 min".</summary>
    internal static string Describe(RetryPolicy p) =>
        $"at most {p.MaxAttempts} attempts; again after busy {p.BusyMinutes} min, no answer {p.NoAnswerMinutes} min, " +
        $"voicemail {p.VoicemailMinutes} min, carrier error {p.CarrierErrorMinutes} min";
}
