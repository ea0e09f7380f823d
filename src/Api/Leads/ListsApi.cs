using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Leads;

public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/lists").WithTags("Lists");
        api.MapGet("", async (LeadStore store) => TypedResults.Ok(await store.GetListsAsync())).WithName("ListLists").WithSummary("All lead lists with their lead counts");
        api.MapPost("", CreateListAsync).WithName("CreateList").WithSummary("Create a lead list");
        api.MapGet("{id:long}", GetListAsync).WithName("GetList");
        return app;
    }

    public static async Task<Created<LeadList>> CreateListAsync(CreateListRequest? body, LeadStore store)
    {
        body = Problem.RequireBody(body);
        var v = new Validation();
        v.Require(!string.IsNullOrWhiteSpace(body.Name), "name", "A name is required.");
        var region = string.IsNullOrWhiteSpace(body.DefaultRegion) ? "US" : body.DefaultRegion.Trim().ToUpperInvariant();
        v.Require(PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region), "defaultRegion", $"'{region}' is not a known ISO 3166 region code.");
        v.ThrowIfInvalid();
        var list = await store.CreateListAsync(body.Name!.Trim(), region);
        return TypedResults.Created($"/api/lists/{list.Id}", list);
    }

    public static async Task<Ok<LeadList>> GetListAsync(long id, LeadStore store) =>
        TypedResults.Ok(await store.GetListAsync(id) ?? throw new EntityNotFoundException("List", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
