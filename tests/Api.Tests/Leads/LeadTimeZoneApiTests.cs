using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>The zone a lead is called in, through the API and an import (the rule itself: <see cref="PostalTimeZonesTests"/>).</summary>
[Collection(ApiCollection.Name)]
public sealed class LeadTimeZoneApiTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);
    private HttpClient Http => server.Http;

    private Task<HttpResponseMessage> PostAsync(object lead) => Http.PostAsJsonAsync("/api/leads", lead);

    [Fact]
    public async Task PerthNumber_WithStateWA_IsCalledOnPerthTime()
    {
        var listId = await api.CreateListAsync("Perth", "AU");
        var lead = await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(08) 9374 4999", state = "WA" }), HttpStatusCode.Created);
        Assert.Equal("+61893744999", lead["phone"]!.GetValue<string>());
        Assert.Equal("Australia/Perth", lead["timeZone"]!.GetValue<string>());
        Assert.Empty(lead["otherTimeZones"]!.AsArray());

        // Without an address, 08 is Perth, Adelaide or Darwin: the lead keeps every clock the number may be on (never UTC),
        // and is dialed only while the window is open on all of them.
        var unknown = await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(08) 9374 4998" }), HttpStatusCode.Created);
        Assert.Superset(new HashSet<string> { "Australia/Adelaide", "Australia/Perth" }, AllZones(unknown).ToHashSet());

        // A later edit that gives the state settles it.
        var id = unknown["id"]!.GetValue<long>();
        var edited = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { phone = "(08) 9374 4998", state = "WA" }), HttpStatusCode.OK);
        Assert.Equal(["Australia/Perth"], AllZones(edited));
    }

    [Fact]
    public async Task AnExplicitTimeZone_Wins_AndAnUnknownOneIs400()
    {
        var listId = await api.CreateListAsync();
        var lead = await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(212) 734-0320", state = "NY", timeZone = "America/Chicago" }), HttpStatusCode.Created);
        Assert.Equal("America/Chicago", lead["timeZone"]!.GetValue<string>());

        var problem = await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(212) 734-0321", timeZone = "Mars/Olympus_Mons" }), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["timeZone"]);
    }

    [Fact]
    public async Task ImportedPerthRow_WithStateWA_IsOnPerthTime()
    {
        var listId = await api.CreateListAsync("Perth import", "AU");
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone,State,Postcode\n(08) 9374 4997,WA,\n(08) 9374 4996,,6000\n(08) 9374 4995,,\n"));

        var zones = (await api.LeadsAsync(listId)).ToDictionary(l => l["phone"]!.GetValue<string>(), l => l["timeZone"]?.GetValue<string>());
        Assert.Equal("Australia/Perth", zones["+61893744997"]);
        Assert.Equal("Australia/Perth", zones["+61893744996"]);
        Assert.StartsWith("Australia/", zones["+61893744995"], StringComparison.Ordinal);
        var undecided = (await api.LeadsAsync(listId)).Single(l => l["phone"]!.GetValue<string>() == "+61893744995");
        Assert.Superset(new HashSet<string> { "Australia/Adelaide", "Australia/Perth" }, AllZones(undecided).ToHashSet());
    }

    private static List<string> AllZones(System.Text.Json.Nodes.JsonNode lead) =>
        [.. new[] { lead["timeZone"]!.GetValue<string>() }.Concat(lead["otherTimeZones"]!.AsArray().Select(z => z!.GetValue<string>())).Order(StringComparer.Ordinal)];
}
