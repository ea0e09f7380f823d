using System.Globalization;
using ContactCenter.Api.Csv;
using ContactCenter.Grains.Calls;

namespace ContactCenter.Api.Calls;

/// <summary>Writes call detail records as CSV while they are read from PostgreSQL; times in UTC (ISO 8601), durations in seconds.</summary>
public static class CallCsvExport
{
    public static readonly string[] Columns =
    [
        "callId", "campaignId", "leadId", "agentId", "destination", "callerId", "status", "outcome", "disposition", "notes",
        "createdAt", "dialingAt", "ringingAt", "answeredAt", "connectedAt", "endedAt", "ringSeconds", "talkSeconds",
    ];

    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<CallSnapshot> calls, string fileName, CancellationToken ct)
    {
        var csv = CsvResponse.Start(response, fileName);
        await csv.WriteRowAsync(Columns, ct);
        await foreach (var call in calls.WithCancellation(ct))
        {
            await csv.WriteRowAsync(
            [
                call.Id, call.CampaignId, call.LeadId?.ToString(CultureInfo.InvariantCulture), call.AgentId, call.Destination, call.CallerId,
                call.Status.ToString(), call.Outcome == Telephony.Carrier.CallOutcome.None ? null : call.Outcome.ToString(), call.Disposition, call.Notes,
                Time(call.CreatedAt), Time(call.DialingAt), Time(call.RingingAt), Time(call.AnsweredAt), Time(call.ConnectedAt), Time(call.EndedAt),
                Seconds(call.RingSeconds), Seconds(call.TalkSeconds),
            ], ct);
        }
        await csv.FlushAsync(ct);
    }

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string? Seconds(double? seconds) => seconds?.ToString("0.###", CultureInfo.InvariantCulture);
}
