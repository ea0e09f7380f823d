using System.Globalization;
using ContactCenter.Api.Csv;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Telephony.Carrier;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Leads;

public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/lists").WithTags("Lists").ProducesUnavailable();
        api.MapGet("", async (LeadStore store) => TypedResults.Ok(await store.GetListsAsync())).WithName("ListLists").WithSummary("All lead lists with their lead counts");
        api.MapPost("", CreateListAsync).WithName("CreateList").WithSummary("Create a lead list")
            .ProducesBodyProblems();
        api.MapGet("{id:long}", GetListAsync).WithName("GetList").WithSummary("One lead list with its lead count")
            .ProducesNotFound();
        api.MapPut("{id:long}", UpdateListAsync).WithName("UpdateList").WithSummary("Rename a list or change its default region (for numbers added later)")
            .ProducesBodyProblems().ProducesNotFound();
        api.MapDelete("{id:long}", DeleteListAsync).WithName("DeleteList").WithSummary("Delete a list and its leads (refused while one of them is on a call)")
            .ProducesNotFound().ProducesConflict();
        api.MapGet("{id:long}/export", ExportListAsync).WithName("ExportList").WithSummary("The list's leads as CSV, streamed (same filters and sort as the lead search)")
            .Produces<string>(StatusCodes.Status200OK, CsvResponse.ContentType).ProducesInvalid().ProducesNotFound();
        api.MapPost("{id:long}/recycle", RecycleAsync).WithName("RecycleList").WithSummary("Put Done/New leads with the given outcomes or dispositions back to New")
            .ProducesBodyProblems().ProducesNotFound();
        return app;
    }

    public static async Task<Created<LeadList>> CreateListAsync(CreateListRequest? body, LeadStore store)
    {
        var (name, region) = Validate(body);
        var list = await store.CreateListAsync(name, region);
        return TypedResults.Created($"/api/lists/{list.Id}", list);
    }

    public static async Task<Ok<LeadList>> GetListAsync(long id, LeadStore store) =>
        TypedResults.Ok(await store.GetListAsync(id) ?? throw NotFound(id));

    public static async Task<Ok<LeadList>> UpdateListAsync(long id, CreateListRequest? body, LeadStore store)
    {
        var (name, region) = Validate(body);
        return TypedResults.Ok(await store.UpdateListAsync(id, name, region) ?? throw NotFound(id));
    }

    public static async Task<NoContent> DeleteListAsync(long id, LeadStore store) =>
        await store.DeleteListAsync(id) ? TypedResults.NoContent() : throw NotFound(id);

    public static async Task ExportListAsync(long id, HttpResponse response, LeadStore store, string? status, string? q, string? disposition, string? tag,
        int? minAttempts, int? maxAttempts, string? sort, CancellationToken ct)
    {
        _ = await store.GetListAsync(id, ct) ?? throw NotFound(id);
        var query = LeadsApi.Query(id, status, q, disposition, tag, minAttempts, maxAttempts, sort, null, 0);
        await LeadCsvExport.WriteAsync(response, store.StreamAsync(query, ct), $"list-{id}.csv", ct);
    }

    public static async Task<Ok<RecycleResult>> RecycleAsync(long id, RecycleRequest? body, LeadStore store, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        _ = await store.GetListAsync(id, ct) ?? throw NotFound(id);
        var outcomes = new List<string>();
        var v = new Validation();
        foreach (var outcome in body.Outcomes ?? [])
        {
            if (Problem.TryParseName(outcome, out CallOutcome parsed, CallOutcome.None))
                outcomes.Add(parsed.ToString());
            else
                v.Add("outcomes", $"'{outcome}' is not a call outcome; use {Problem.NamesOf(CallOutcome.None)}.");
        }
        var dispositions = (body.Dispositions ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).ToList();
        v.Require(outcomes.Count + dispositions.Count > 0 || !v.IsValid, "outcomes", "Name at least one outcome or disposition to recycle.");
        v.ThrowIfInvalid();
        return TypedResults.Ok(new RecycleResult(id, await store.RecycleAsync(id, outcomes, dispositions, body.ResetAttempts, ct)));
    }

    private static (string Name, string Region) Validate(CreateListRequest? body)
    {
        body = Problem.RequireBody(body);
        var v = new Validation();
        v.Require(!string.IsNullOrWhiteSpace(body.Name), "name", "A name is required.");
        var region = string.IsNullOrWhiteSpace(body.DefaultRegion) ? "US" : body.DefaultRegion.Trim().ToUpperInvariant();
        v.Require(PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region), "defaultRegion", $"'{region}' is not a known ISO 3166 region code.");
        v.ThrowIfInvalid();
        return (body.Name!.Trim(), region);
    }

    private static EntityNotFoundException NotFound(long id) => new("List", id.ToString(CultureInfo.InvariantCulture));
}
