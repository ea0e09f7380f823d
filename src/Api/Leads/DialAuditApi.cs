using System.Globalization;
using ContactCenter.Api.Csv;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Leads;

/// <summary>
/// The dial audit: why each attempt was allowed (DNC lists checked, the lead's local time under the calling
/// window, the attempt under the retry rule, the caller ID and why). Per lead as JSON, per campaign and day as CSV.
/// </summary>
public static class DialAuditApi
{
    public static IEndpointRouteBuilder MapDialAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/leads").WithTags("Leads").ProducesUnavailable()
            .MapGet("{id:long}/attempts", ListAttemptsAsync).WithName("ListLeadAttempts")
            .WithSummary("Every dial attempt on the lead, oldest first, with the grounds it was placed on and its outcome")
            .ProducesNotFound();
        app.MapGroup("api/campaigns").WithTags("Campaigns").ProducesUnavailable()
            .MapGet("{id}/dial-audit/export", ExportAsync).WithName("ExportDialAudit")
            .WithSummary("The campaign's dial audit for one UTC day (day=YYYY-MM-DD, today by default) as CSV, streamed")
            .Produces<string>(StatusCodes.Status200OK, CsvResponse.ContentType).ProducesInvalid();
        return app;
    }

    public static async Task<Ok<DialAttemptPage>> ListAttemptsAsync(long id, LeadStore leads, DialAttemptQuery audit, CancellationToken ct)
    {
        var attempts = await audit.ForLeadAsync(id, ct);
        // A deleted lead keeps its audit; only a lead never seen is not found.
        if (attempts.Count == 0 && await leads.GetAsync(id, ct) is null) throw new EntityNotFoundException("Lead", id.ToString(CultureInfo.InvariantCulture));
        return TypedResults.Ok(new DialAttemptPage([.. attempts], null));
    }

    public static async Task ExportAsync(HttpResponse response, [TextLimit(TextLimits.Id)] string id, [TextLimit(TextLimits.Code)] string? day,
        DialAttemptQuery audit, TimeProvider clock, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrWhiteSpace(day))
            Problem.Require(DateOnly.TryParseExact(day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date), "day", "A date as YYYY-MM-DD.");
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await DialAuditCsv.WriteAsync(response, audit.ForCampaignAsync(id, from, from.AddDays(1), ct), $"dial-audit-{date:yyyy-MM-dd}.csv", ct);
    }
}
