using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;
using Npgsql;

namespace ContactCenter.Api.Tests.Leads;

[Collection(ApiCollection.Name)]
public sealed class LeadEditTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);
    private HttpClient Http => server.Http;

    private async Task<JsonNode> CreateLeadAsync(long listId, string phone) =>
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/leads", new { listId, firstName = "Ann", lastName = "Lee", phone, city = "New York", tags = new[] { "vip" } }), HttpStatusCode.Created);

    private async Task SetStatusAsync(long leadId, string status)
    {
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using var cmd = db.CreateCommand("UPDATE leads SET status = $2 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = leadId });
        cmd.Parameters.Add(new() { Value = status });
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Update_ReplacesTheProfile_RenormalizesThePhoneAndItsTimeZone_KeepsTheDialingState()
    {
        var listId = await api.CreateListAsync();
        var lead = await CreateLeadAsync(listId, "(212) 734-0144");
        var id = lead["id"]!.GetValue<long>();
        Assert.Equal("America/New_York", lead["timeZone"]!.GetValue<string>());
        await SetStatusAsync(id, "Callback");

        var updated = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new
        {
            firstName = "Anne", lastName = "Lee-Park", phone = "310 555 0144", altPhones = new[] { "212-734-0144" },
            city = "Los Angeles", email = "anne@example.com", customFields = new { plan = "gold" },
        }), HttpStatusCode.OK);

        Assert.Equal("Anne", updated["firstName"]!.GetValue<string>());
        Assert.Equal("Lee-Park", updated["lastName"]!.GetValue<string>());
        Assert.Equal("+13105550144", updated["phone"]!.GetValue<string>());
        Assert.Equal("America/Los_Angeles", updated["timeZone"]!.GetValue<string>());
        Assert.Equal(["+12127340144"], updated["altPhones"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("gold", updated["customFields"]!["plan"]!.GetValue<string>());
        Assert.Empty(updated["tags"]!.AsArray());
        Assert.Equal("Callback", updated["status"]!.GetValue<string>());
        Assert.Equal(listId, updated["listId"]!.GetValue<long>());
        var read = await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/leads/{id}"), HttpStatusCode.OK);
        Assert.Equal("+13105550144", read["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_BadInput_Is400AndChangesNothing()
    {
        var listId = await api.CreateListAsync();
        var id = (await CreateLeadAsync(listId, "(212) 734-0145"))["id"]!.GetValue<long>();

        var badPhone = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { firstName = "Changed", phone = "12345" }), HttpStatusCode.BadRequest);
        Assert.NotNull(badPhone["errors"]!["phone"]);
        var badEmail = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { firstName = "Changed", phone = "2127340145", email = "nope" }), HttpStatusCode.BadRequest);
        Assert.NotNull(badEmail["errors"]!["email"]);
        var otherList = await api.CreateListAsync();
        var moved = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { listId = otherList, phone = "2127340145" }), HttpStatusCode.BadRequest);
        Assert.NotNull(moved["errors"]!["listId"]);
        await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync("/api/leads/987654321", new { phone = "2127340145" }), HttpStatusCode.NotFound);

        var read = await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/leads/{id}"), HttpStatusCode.OK);
        Assert.Equal("Ann", read["firstName"]!.GetValue<string>());
        Assert.Equal(listId, read["listId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Update_DuringACall_TheProfileChangesButThePhoneIsRefused()
    {
        var listId = await api.CreateListAsync();
        var id = (await CreateLeadAsync(listId, "(212) 734-0146"))["id"]!.GetValue<long>();
        await SetStatusAsync(id, "Contacted");

        // The agent on the call corrects the name and e-mail.
        var corrected = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { firstName = "Annie", phone = "+1 212 734 0146", email = "annie@example.com" }), HttpStatusCode.OK);
        Assert.Equal("Annie", corrected["firstName"]!.GetValue<string>());
        Assert.Equal("Contacted", corrected["status"]!.GetValue<string>());

        foreach (var status in new[] { "Queued", "Dialing", "Contacted" })
        {
            await SetStatusAsync(id, status);
            var refused = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { firstName = "Other", phone = "3105550146" }), HttpStatusCode.Conflict);
            Assert.Contains(status, refused["detail"]!.GetValue<string>());
        }
        var read = await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/leads/{id}"), HttpStatusCode.OK);
        Assert.Equal("+12127340146", read["phone"]!.GetValue<string>());
        Assert.Equal("Annie", read["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ToANumberOnTheDncList_MakesTheLeadDoNotCall_AndAChangeNeverLiftsIt()
    {
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "(718) 555-0147", reason = "asked" }), HttpStatusCode.Created);
        var listId = await api.CreateListAsync();
        var id = (await CreateLeadAsync(listId, "(212) 734-0147"))["id"]!.GetValue<long>();

        var dnc = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { phone = "718-555-0147" }), HttpStatusCode.OK);
        Assert.Equal("DoNotCall", dnc["status"]!.GetValue<string>());
        var back = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/leads/{id}", new { phone = "212-734-0147" }), HttpStatusCode.OK);
        Assert.Equal("DoNotCall", back["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_RemovesTheLead_RefusedOnACall_KeepsItsCallRecords()
    {
        var listId = await api.CreateListAsync();
        var id = (await CreateLeadAsync(listId, "(212) 734-0148"))["id"]!.GetValue<long>();
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using (var cdr = db.CreateCommand("INSERT INTO call_records (call_id, campaign_id, lead_id, destination, status, created_at) VALUES ($1, 'c', $2, '+12127340148', 'Ended', now())"))
        {
            cdr.Parameters.Add(new() { Value = "edit-test-" + id });
            cdr.Parameters.Add(new() { Value = id });
            await cdr.ExecuteNonQueryAsync();
        }

        await SetStatusAsync(id, "Dialing");
        var refused = await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/leads/{id}"), HttpStatusCode.Conflict);
        Assert.Contains("on a call", refused["detail"]!.GetValue<string>());
        await SetStatusAsync(id, "Done");

        await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/leads/{id}"), HttpStatusCode.NoContent);
        await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/leads/{id}"), HttpStatusCode.NotFound);
        await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/leads/{id}"), HttpStatusCode.NotFound);
        await using var count = db.CreateCommand("SELECT count(*) FROM call_records WHERE lead_id = $1");
        count.Parameters.Add(new() { Value = id });
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
