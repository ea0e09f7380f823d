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
            .WithSummary("Calls newest first: live (state=active), ended (state=completed, their call detail records) or both (no state); filters campaignId, agentId, leadId, outcome, disposition, from, to; keyset pages via 'after' = the previous page's 'next'")
            .WithDescription("Live calls are read from their grains: " + GrainFanOut.ListDescription)
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
    /// Calls newest first, live (state=active), ended (state=completed, their call detail records) or both (no
    /// state): each call is in exactly one of the two. Filtered by campaign, agent, lead, outcome, disposition and
    /// creation time (from inclusive, to exclusive); a page holds up to limit calls and the next one starts after
    /// the cursor given as this page's next (after=...). before=&lt;a call's id&gt; is the older way to say the same.
    /// </summary>
    public static async Task<Ok<CallPage>> ListCallsAsync(IGrainFactory grains, CallRecordStore records, GrainFanOut fanOut, HttpResponse response, string? state, string? campaignId,
        string? agentId, long? leadId, string? outcome, string? disposition, string? from, string? to, [TextLimit(TextLimits.Cursor)] string? after,
        [TextLimit(TextLimits.Id)] string? before, int? limit, CancellationToken ct)
    {
        state = QueryText.Optional(state)?.ToLowerInvariant() ?? "all";
        Problem.Require(state is "all" or "active" or "completed", "state", "Use active, completed or all (the default: both).");
        Problem.Require(limit is null or (>= 1 and <= 1000), "limit", "Between 1 and 1000.");
        after = QueryText.Optional(after);
        before = QueryText.Optional(before);
        Problem.Require(after is null || before is null, "before", "Page with after (the previous page's next) alone.");
        if (state == "active")
        {
            var v = new Validation();
            foreach (var (name, value) in new[] { ("outcome", outcome), ("disposition", disposition) })
                v.Require(QueryText.Optional(value) is null, name, "Filters ended calls (state=completed); live calls have no outcome yet.");
            v.ThrowIfInvalid();
        }
        var size = limit ?? 100;
        var query = RecordQuery(campaignId, agentId, leadId, outcome, disposition, from, to, before: null, limit: size + 1);
        var cursor = after is not null ? CallCursor.Decode(after, "after")
            : before is not null ? await PlaceOfAsync(before, grains, records, ct)
            : null;

        var calls = new List<CallSnapshot>();
        if (state != "active")
            calls.AddRange(await records.ListAsync(query with { After = cursor is null ? null : (cursor.CreatedAt, cursor.Id) }, ct));
        // Live calls have no outcome or disposition: a filter on either leaves them all out.
        if (state != "completed" && query.Outcome is null && query.Disposition is null)
        {
            var ended = calls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            calls.AddRange((await LiveCallsAsync(grains, fanOut, response, query.CampaignId)).Where(c =>
                !ended.Contains(c.Id) && (query.AgentId is null || c.AgentId == query.AgentId) && (query.LeadId is null || c.LeadId == query.LeadId)
                && (query.From is null || c.CreatedAt >= query.From) && (query.To is null || c.CreatedAt < query.To) && (cursor is null || cursor.Precedes(c))));
        }
        calls.Sort(CallCursor.NewestFirst);
        var more = calls.Count > size;
        var items = more ? calls.GetRange(0, size) : calls;
        return TypedResults.Ok(new CallPage(items, more ? CallCursor.After(items[^1]).Encode() : null));
    }

    /// <summary>
    /// The calls live now, of one campaign or of all. Each campaign knows its calls in flight; one named campaign is
    /// the request's target, so its failure is the answer; over all campaigns, one that cannot be read is left out
    /// and reported like a call that cannot be read.
    /// </summary>
    private static async Task<IEnumerable<CallSnapshot>> LiveCallsAsync(IGrainFactory grains, GrainFanOut fanOut, HttpResponse response, string? campaignId)
    {
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
        // A call that ended since its campaign was asked answers "not found", or no longer live: it is on record now.
        var calls = await fanOut.ReadAllAsync("Call", callIds.Distinct(StringComparer.Ordinal), id => grains.GetGrain<ICallGrain>(id).GetAsync());
        unreadable.AddRange(calls.Unreadable);
        GrainFanOut.ReportUnreadable(response, unreadable);
        return calls.Items.Where(c => c.IsLive);
    }

    /// <summary>Where the call named by the older before=&lt;id&gt; parameter sits in the order, live or on record.</summary>
    private static async Task<CallCursor> PlaceOfAsync(string callId, IGrainFactory grains, CallRecordStore records, CancellationToken ct)
    {
        var call = await records.GetAsync(callId, ct);
        if (call is null)
        {
            try
            {
                call = await grains.GetGrain<ICallGrain>(callId).GetAsync();
            }
            catch (EntityNotFoundException)
            {
            }
        }
        return call is null
            ? throw new ValidationFailedException("before", $"No call '{callId}': pass the id of the last call of the previous page, or better its next as after.")
            : CallCursor.After(call);
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
