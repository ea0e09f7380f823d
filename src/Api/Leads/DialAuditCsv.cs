using System.Globalization;
using ContactCenter.Api.Csv;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads;

/// <summary>Writes the dial audit as CSV while it is read; instants in UTC (ISO 8601), the lead's local time as wall-clock.</summary>
public static class DialAuditCsv
{
    public static readonly string[] Columns =
    [
        "dialedAt", "callId", "campaignId", "listId", "leadId", "attempt", "maxAttempts", "previousOutcome", "callableSince", "retryRule",
        "timeZone", "leadLocalTime", "callingWindow", "windowOpen", "dncChecked", "callerId", "callerIdReason", "outcome", "disposition",
    ];

    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<DialAttempt> attempts, string fileName, CancellationToken ct)
    {
        var csv = CsvResponse.Start(response, fileName);
        await csv.WriteRowAsync(Columns, ct);
        await foreach (var a in attempts.WithCancellation(ct))
        {
            await csv.WriteRowAsync(
            [
                Time(a.DialedAt), a.CallId, a.CampaignId, Number(a.ListId), Number(a.LeadId), Number(a.Attempt), a.MaxAttempts?.ToString(CultureInfo.InvariantCulture),
                a.PreviousOutcome, a.CallableSince is { } since ? Time(since) : null, a.RetryRule,
                a.TimeZone, a.LeadLocalTime?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), a.CallingWindow,
                a.WindowOpen switch { true => "true", false => "false", null => null },
                string.Join(' ', a.DncChecked), a.CallerId, a.CallerIdReason, a.Outcome, a.Disposition,
            ], ct);
        }
        await csv.FlushAsync(ct);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
