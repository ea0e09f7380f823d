using ContactCenter.Api.Csv;
using ContactCenter.Api.Input;
using ContactCenter.Api.Leads.Imports;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Leads;

public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/leads").WithTags("Leads").ProducesUnavailable();
        api.MapGet("", SearchAsync).WithName("SearchLeads")
            .WithSummary("Leads by listId, status, disposition, tag, q (text), minAttempts/maxAttempts; sort=id|-id|lastName|-createdAt|...; keyset pages via 'after' = the previous page's 'next'")
            .ProducesInvalid();
        api.MapGet("export", ExportAsync).WithName("ExportLeads").WithSummary("The leads matching the same filters as CSV, streamed")
            .Produces<string>(StatusCodes.Status200OK, CsvResponse.ContentType).ProducesInvalid();
        api.MapPost("", CreateLeadAsync).WithName("CreateLead")
            .WithSummary("Add one lead to a list (phone normalized to E.164); a number already in the list follows duplicates=skip (409 naming the lead, the default), update (200) or allow")
            .ProducesBodyProblems().ProducesConflict();
        api.MapGet("{id:long}", GetLeadAsync).WithName("GetLead").WithSummary("One lead with its dialing state")
            .ProducesNotFound();
        api.MapPut("{id:long}", UpdateLeadAsync).WithName("UpdateLead")
            .WithSummary("Replace a lead's profile (its list and dialing state stay); the phone cannot change while a call is queued, placed or live with it")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapDelete("{id:long}", DeleteLeadAsync).WithName("DeleteLead").WithSummary("Delete a lead that is not on a call (its call records stay)")
            .ProducesNotFound().ProducesConflict();
        return app;
    }

    public static async Task<Ok<LeadPage>> SearchAsync(LeadStore store, long? listId, string? status, string? q, string? disposition, string? tag,
        int? minAttempts, int? maxAttempts, string? sort, [TextLimit(TextLimits.Cursor)] string? after, int? limit, CancellationToken ct)
    {
        Problem.Require(limit is null or (>= 1 and <= 1000), "limit", "Between 1 and 1000.");
        return TypedResults.Ok(await store.SearchAsync(Query(listId, status, q, disposition, tag, minAttempts, maxAttempts, sort, after, limit ?? 50), ct));
    }

    /// <summary>All leads matching the search filters as CSV, in the requested sort, streamed row by row.</summary>
    public static async Task ExportAsync(HttpResponse response, LeadStore store, long? listId, string? status, string? q, string? disposition, string? tag,
        int? minAttempts, int? maxAttempts, string? sort, CancellationToken ct)
    {
        var query = Query(listId, status, q, disposition, tag, minAttempts, maxAttempts, sort, null, 0);
        await LeadCsvExport.WriteAsync(response, store.StreamAsync(query, ct), "leads.csv", ct);
    }

    internal static LeadQuery Query(long? listId, string? status, string? q, string? disposition, string? tag, int? minAttempts, int? maxAttempts, string? sort, string? after, int limit)
    {
        LeadStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            Problem.Require(Problem.TryParseName(status, out LeadStatus s), "status", $"Use one of: {Problem.NamesOf<LeadStatus>()}.");
            parsedStatus = s;
        }
        var v = new Validation();
        v.Require(minAttempts is null or >= 0, "minAttempts", "Zero or more.");
        v.Require(maxAttempts is null or >= 0, "maxAttempts", "Zero or more.");
        v.Require(minAttempts is null || maxAttempts is null || minAttempts <= maxAttempts, "maxAttempts", "At least minAttempts.");
        v.ThrowIfInvalid();
        return new LeadQuery(listId, parsedStatus, QueryText.Optional(q), QueryText.Optional(disposition), QueryText.Optional(tag), QueryText.Optional(after), limit,
            LeadOrder.Parse(sort), minAttempts, maxAttempts);
    }

    /// <summary>
    /// Adds one lead; a number already in the list is handled by <paramref name="duplicates"/>, the rule of a CSV
    /// import and its default (skip): 409 naming the lead already there, 200 with it updated, or a second lead.
    /// </summary>
    public static async Task<Results<Created<Lead>, Ok<Lead>, ProblemHttpResult>> CreateLeadAsync(NewLead? body, [TextLimit(TextLimits.Code)] string? duplicates,
        LeadStore store, TimeProvider clock, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        var policy = DuplicatePolicyNames.Parse(duplicates);
        Problem.Require(body.ListId > 0, "listId", "The lead's list is required.");
        var list = await store.GetListAsync(body.ListId, ct) ?? throw new ValidationFailedException("listId", $"List {body.ListId} does not exist.");
        var (normalized, e164, zones) = Normalize(body, list, clock.GetUtcNow());
        var added = await store.AddAsync(normalized, e164, zones, policy, ct);
        var id = added.Lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return added.Outcome switch
        {
            LeadAddOutcome.Added => TypedResults.Created($"/api/leads/{id}", added.Lead),
            LeadAddOutcome.Updated => TypedResults.Ok(added.Lead),
            _ => TypedResults.Problem(
                title: "The number is already in the list.",
                detail: $"Lead {id} of list {list.Id} has this number; send duplicates=update to update it, or duplicates=allow to add a second lead.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["leadId"] = added.Lead.Id }),
        };
    }

    /// <summary>Replaces the lead's profile; its list and dialing state stay. The phone is normalized with the list's default region.</summary>
    public static async Task<Ok<Lead>> UpdateLeadAsync(long id, NewLead? body, LeadStore store, IGrainFactory grains, TimeProvider clock)
    {
        body = Problem.RequireBody(body);
        var lead = await store.GetAsync(id) ?? throw new EntityNotFoundException("Lead", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Problem.Require(body.ListId == 0 || body.ListId == lead.ListId, "listId", $"A lead stays on its list ({lead.ListId}); leave listId out or give that one.");
        var list = await store.GetListAsync(lead.ListId) ?? throw new EntityNotFoundException("Lead", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (normalized, e164, zones) = Normalize(body, list, clock.GetUtcNow());
        return TypedResults.Ok(await grains.GetGrain<ILeadGrain>(id).UpdateProfileAsync(normalized.ToProfile(e164, zones.Zone, zones.Others)));
    }

    public static async Task<NoContent> DeleteLeadAsync(long id, IGrainFactory grains)
    {
        await grains.GetGrain<ILeadGrain>(id).DeleteAsync();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Validates a lead's profile and normalizes its phones to E.164 with the list's default region;
    /// the time zone is chosen by <see cref="LeadTimeZone"/>, as for an imported row.
    /// </summary>
    private static (NewLead Normalized, string E164, LeadZones Zones) Normalize(NewLead body, LeadList list, DateTimeOffset now)
    {
        var e164 = PhoneNumberNormalizer.TryNormalize(body.Phone, list.DefaultRegion, out var region, out var zones, out var error) ?? throw new ValidationFailedException("phone", error!);
        var v = new Validation();
        v.Require(body.Email is null || body.Email.Length == 0 || System.Net.Mail.MailAddress.TryCreate(body.Email, out _), "email", "Not an e-mail address.");
        v.Require(body.CustomFields is null || body.CustomFields.Value.ValueKind is System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Null, "customFields", "Custom fields are a JSON object.");
        v.Require(LeadTimeZone.TryParseExplicit(body.TimeZone, out var explicitZone), "timeZone", "Not a known IANA time zone (e.g. Australia/Perth).");
        v.ThrowIfInvalid();
        var altPhones = new List<string>();
        foreach (var (raw, i) in (body.AltPhones ?? []).Select((p, i) => (p, i)))
        {
            altPhones.Add(PhoneNumberNormalizer.TryNormalize(raw, list.DefaultRegion, out var altError) ?? throw new ValidationFailedException($"altPhones[{i}]", altError!));
        }
        var resolved = LeadTimeZone.ResolveAll(explicitZone, body.State, body.PostalCode, body.Country, region, zones, list.DefaultRegion, now);
        return (body with { AltPhones = altPhones, TimeZone = resolved.Zone }, e164, resolved);
    }

    public static async Task<Ok<Lead>> GetLeadAsync(long id, LeadStore store) =>
        TypedResults.Ok(await store.GetAsync(id) ?? throw new EntityNotFoundException("Lead", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
