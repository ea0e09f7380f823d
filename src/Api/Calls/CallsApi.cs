using ContactCenter.Api.Common;
using ContactCenter.Api.Csv;
using ContactCenter.Api.Input;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Telephony.Carrier;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Calls;

public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/calls").WithTags("Calls").ProducesUnavailable();
        api.MapGet("", ListCallsAsync).WithName("ListCalls")
            .WithSummary("Live calls (state=active) or call detail records (state=completed; filters agentId, leadId, outcome, disposition, from, to; next page: before=<last call's id>)")
            .WithDescription("For state=active: " + GrainFanOut.ListDescription)
            .ProducesInvalid().ProducesNotFound();
        api.MapGet("export", ExportCallsAsync).WithName("ExportCalls").WithSummary("Call detail records as CSV, newest first, streamed (same filters as state=completed)")
            .Produces<string>(StatusCodes.Status200OK, CsvResponse.ContentType).ProducesInvalid();
        api.MapGet("{id}", GetCallAsync).WithName("GetCall").WithSummary("One call, live or finished")
            .ProducesInvalid().ProducesNotFound();
        api.MapGet("{id}/conversation", GetConversationAsync).WithName("GetCallConversation").WithSummary("The AI agent's conversation on a Broadcast call: summary, sentiment, disposition, intents, slots, transcript")
            .Produces<System.Text.Json.JsonElement>(StatusCodes.Status200OK, "application/json").ProducesInvalid().ProducesNotFound();
        api.MapPost("{id}/hangup", HangUpAsync).WithName("HangUpCall").WithSummary("End a live call")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        return app;
    }

    /// <summary>
    /// Live calls (state=active, optionally of one campaign, agent or lead) or call detail records
    /// (state=completed), newest first, filtered by campaign, agent, lead, outcome, disposition and
    /// time (from inclusive, to exclusive); the next page starts after the call named by before.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<CallSnapshot>>> ListCallsAsync(IGrainFactory grains, CallRecordStore records, GrainFanOut fanOut, HttpResponse response, string? state, string? campaignId,
        string? agentId, long? leadId, string? outcome, string? disposition, string? from, string? to, [TextLimit(TextLimits.Id)] string? before, int? limit, CancellationToken ct)
    {
        state = QueryText.Optional(state)?.ToLowerInvariant() ?? "active";
        campaignId = QueryText.Optional(campaignId);
        agentId = QueryText.Optional(agentId);
        Problem.Require(state is "active" or "completed", "state", "Use active or completed.");
        Problem.Require(limit is null or (>= 1 and <= 1000), "limit", "Between 1 and 1000.");
        if (state == "completed")
            return TypedResults.Ok(await records.ListAsync(RecordQuery(campaignId, agentId, leadId, outcome, disposition, from, to, before, limit ?? 100), ct));

        var v = new Validation();
        foreach (var (name, value) in new[] { ("outcome", outcome), ("disposition", disposition), ("from", from), ("to", to), ("before", before) })
            v.Require(QueryText.Optional(value) is null, name, "Filters completed calls (state=completed); live calls have no outcome yet.");
        v.ThrowIfInvalid();
        // Live calls are grains; each campaign knows its calls in flight. One named campaign is the
        // request's target, so its failure is the answer; over all campaigns, one that cannot be read
        // is left out and reported like a call that cannot be read.
        var unreadable = new List<UnreadableEntry>();
        List<string> callIds;
        if (campaignId is not null)
        {
            callIds = [.. await grains.GetGrain<ICampaignGrain>(campaignId).GetActiveCallIdsAsync()];
        }
        else
        {
            var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
            var perCampaign = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), id => grains.GetGrain<ICampaignGrain>(id).GetActiveCallIdsAsync());
            unreadable.AddRange(perCampaign.Unreadable);
            callIds = [.. perCampaign.Items.SelectMany(ids => ids)];
        }
        // A call that ended since its campaign was asked answers "not found" and is simply not live any more.
        var calls = await fanOut.ReadAllAsync("Call", callIds, id => grains.GetGrain<ICallGrain>(id).GetAsync());
        unreadable.AddRange(calls.Unreadable);
        GrainFanOut.ReportUnreadable(response, unreadable);
        return TypedResults.Ok<IReadOnlyList<CallSnapshot>>(calls.Items
            .Where(c => c.IsLive && (agentId is null || c.AgentId == agentId) && (leadId is null || c.LeadId == leadId))
            .Take(limit ?? 1000).ToList());
    }

    /// <summary>The call detail records matching the same filters as CSV, newest first, streamed.</summary>
    public static async Task ExportCallsAsync(HttpResponse response, CallRecordStore records, string? campaignId, string? agentId, long? leadId,
        string? outcome, string? disposition, string? from, string? to, CancellationToken ct)
    {
        var query = RecordQuery(campaignId, agentId, leadId, outcome, disposition, from, to, before: null, limit: 0);
        await CallCsvExport.WriteAsync(response, records.StreamAsync(query, ct), "calls.csv", ct);
    }

    internal static CallRecordQuery RecordQuery(string? campaignId, string? agentId, long? leadId, string? outcome, string? disposition,
        string? from, string? to, string? before, int limit)
    {
        var v = new Validation();
        CallOutcome? parsedOutcome = null;
        if (QueryText.Optional(outcome) is not null)
        {
            var known = Problem.TryParseName(outcome, out CallOutcome o, CallOutcome.None);
            v.Require(known, "outcome", $"Use one of: {Problem.NamesOf(CallOutcome.None)}.");
            if (known) parsedOutcome = o;
        }
        var fromTime = Time(v, "from", from);
        var toTime = Time(v, "to", to);
        v.Require(fromTime is null || toTime is null || fromTime < toTime, "to", "After from.");
        v.ThrowIfInvalid();
        return new CallRecordQuery(QueryText.Optional(campaignId), QueryText.Optional(agentId), leadId, parsedOutcome, QueryText.Optional(disposition), fromTime, toTime,
            QueryText.Optional(before), limit);

        static DateTimeOffset? Time(Validation v, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var ok = DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t);
            v.Require(ok, name, "An ISO 8601 time, e.g. 2026-11-24T08:00:00Z (UTC when no offset is given).");
            return ok ? t.ToUniversalTime() : null;
        }
    }

    public static async Task<Ok<CallSnapshot>> GetCallAsync(string id, IGrainFactory grains, CallRecordStore records)
    {
        try
        {
            return TypedResults.Ok(await grains.GetGrain<ICallGrain>(id).GetAsync());
        }
        catch (EntityNotFoundException)
        {
            return TypedResults.Ok(await records.GetAsync(id) ?? throw new EntityNotFoundException("Call", id));
        }
    }

    public static async Task<ContentHttpResult> GetConversationAsync(string id, CallRecordStore records, CancellationToken ct)
    {
        var details = await records.GetDetailsAsync(id, ct) ?? throw new EntityNotFoundException("Conversation of call", id);
        return TypedResults.Content(details, "application/json");
    }

    public static async Task<Accepted> HangUpAsync(string id, IGrainFactory grains)
    {
        await grains.GetGrain<ICallGrain>(id).HangUpAsync();
        return TypedResults.Accepted($"/api/calls/{id}");
    }
}
