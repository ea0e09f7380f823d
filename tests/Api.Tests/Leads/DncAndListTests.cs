using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Tests.Support;
using Npgsql;

namespace ContactCenter.Api.Tests.Leads;

[Collection(ApiCollection.Name)]
public sealed class DncAndListTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);
    private HttpClient Http => server.Http;

    [Fact]
    public async Task Dnc_AddListRemove_GlobalAndPerCampaign()
    {
        var added = await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "(646) 555-0101", reason = "asked" }), HttpStatusCode.Created);
        Assert.Equal("+16465550101", added["phone"]!.GetValue<string>());
        Assert.Equal("", added["campaignId"]!.GetValue<string>());
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "+1 646 555 0101" }), HttpStatusCode.OK);
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "6465550101", campaignId = "camp-x" }), HttpStatusCode.Created);

        var byPhone = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?phone=6465550101"), HttpStatusCode.OK);
        Assert.Equal(["", "camp-x"], byPhone["items"]!.AsArray().Select(i => i!["campaignId"]!.GetValue<string>()));
        var campaignOnly = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?campaignId=camp-x"), HttpStatusCode.OK);
        Assert.Single(campaignOnly["items"]!.AsArray());

        await LeadApiClient.ReadAsync(await Http.DeleteAsync("/api/dnc/6465550101?campaignId=camp-x"), HttpStatusCode.NoContent);
        await LeadApiClient.ReadAsync(await Http.DeleteAsync("/api/dnc/6465550101?campaignId=camp-x"), HttpStatusCode.NotFound);
        await LeadApiClient.ReadAsync(await Http.DeleteAsync("/api/dnc/%2B16465550101"), HttpStatusCode.NoContent);
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "12" }), HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?after=%25%25"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Dnc_AddingANumber_MarksWaitingLeadsDoNotCall()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n7185550111\n7185550112\n"));
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "718-555-0111" }), HttpStatusCode.Created);
        Assert.Equal(["DoNotCall", "New"], (await api.LeadsAsync(listId)).Select(l => l["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dnc_BulkFile_AddsNumbersReportsBadLinesAndPages()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n9175550120\n"));
        var file = "Name,Phone Number\nA,917-555-0120\nB,not a number\nC,917-555-0121\nD,917-555-0121\n\nE,(917) 555-0122\n";
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(LeadApiClient.Utf8(file)), "file", "dnc.csv");
        var result = await LeadApiClient.ReadAsync(await Http.PostAsync("/api/dnc/imports?reason=complaints", form), HttpStatusCode.OK);
        Assert.Equal(5, result["rowsRead"]!.GetValue<long>());
        Assert.Equal(3, result["added"]!.GetValue<long>());
        Assert.Equal(1, result["alreadyListed"]!.GetValue<long>());
        Assert.Equal(1, result["rejected"]!.GetValue<long>());
        Assert.Equal(1, result["leadsMarked"]!.GetValue<long>());
        Assert.Equal(3, result["errors"]![0]!["line"]!.GetValue<long>());
        Assert.Equal("DoNotCall", (await api.LeadsAsync(listId)).Single()["status"]!.GetValue<string>());

        var first = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?campaignId=&limit=2"), HttpStatusCode.OK);
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var second = await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/dnc?campaignId=&limit=2&after={Uri.EscapeDataString(first["next"]!.GetValue<string>())}"), HttpStatusCode.OK);
        var firstPhones = first["items"]!.AsArray().Select(i => i!["phone"]!.GetValue<string>()).ToList();
        var secondPhones = second["items"]!.AsArray().Select(i => i!["phone"]!.GetValue<string>()).ToList();
        Assert.Empty(firstPhones.Intersect(secondPhones));
        Assert.True(string.CompareOrdinal(firstPhones[^1], secondPhones[0]) < 0);
    }

    [Fact]
    public async Task Dnc_BulkFileForACampaign_DoesNotTouchLeads()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n9175550130\n"));
        var form = new MultipartFormDataContent
        {
            { new StringContent("camp-7"), "campaignId" },
            { new ByteArrayContent(LeadApiClient.Utf8("9175550130\n9175550131\n")), "file", "dnc.txt" },
        };
        var result = await LeadApiClient.ReadAsync(await Http.PostAsync("/api/dnc/imports", form), HttpStatusCode.OK);
        Assert.Equal(2, result["added"]!.GetValue<long>());
        Assert.Equal(0, result["leadsMarked"]!.GetValue<long>());
        Assert.Equal("New", (await api.LeadsAsync(listId)).Single()["status"]!.GetValue<string>());
        var entries = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?campaignId=camp-7"), HttpStatusCode.OK);
        Assert.Equal(2, entries["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lists_UpdateAndDelete()
    {
        var listId = await api.CreateListAsync("Old name");
        var updated = await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/lists/{listId}", new { name = "New name", defaultRegion = "gb" }), HttpStatusCode.OK);
        Assert.Equal("New name", updated["name"]!.GetValue<string>());
        Assert.Equal("GB", updated["defaultRegion"]!.GetValue<string>());
        await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync($"/api/lists/{listId}", new { name = "", defaultRegion = "XX" }), HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await Http.PutAsJsonAsync("/api/lists/999999", new { name = "x" }), HttpStatusCode.NotFound);

        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n020 7946 0018\n"));
        Assert.Equal("+442079460018", (await api.LeadsAsync(listId)).Single()["phone"]!.GetValue<string>());
        await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/lists/{listId}"), HttpStatusCode.NoContent);
        await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/lists/{listId}"), HttpStatusCode.NotFound);
        Assert.Empty(await api.LeadsAsync(listId));
        Assert.Equal(0L, await SqlAsync("SELECT count(*) FROM leads WHERE list_id = $1", listId));
        await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/lists/{listId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_RemovedOutsideTheApi_TakeTheirLeadsAlong()
    {
        // Leads carry no foreign key (migration 0005); the trigger on lead_lists does what ON DELETE CASCADE did.
        var listId = await api.CreateListAsync();
        var otherId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n9175550160\n9175550161\n"));
        await api.ImportAsync(otherId, LeadApiClient.Utf8("Phone\n9175550162\n"));
        await SqlAsync("DELETE FROM lead_lists WHERE id = $1", listId);
        Assert.Equal(0L, await SqlAsync("SELECT count(*) FROM leads WHERE list_id = $1", listId));
        Assert.Equal(1L, await SqlAsync("SELECT count(*) FROM leads WHERE list_id = $1", otherId));
    }

    [Fact]
    public async Task Leads_ForAListThatIsGone_AreRefusedByTheStore()
    {
        // The API checks the list first; the store's own statement must refuse too, for the list
        // removed between that check and the insert.
        var listId = await api.CreateListAsync();
        await SqlAsync("DELETE FROM lead_lists WHERE id = $1", listId);
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        var store = new ContactCenter.Grains.Leads.LeadStore(db);
        var refused = await Assert.ThrowsAsync<ContactCenter.Grains.Common.ValidationFailedException>(() =>
            store.InsertAsync(new ContactCenter.Grains.Leads.NewLead { ListId = listId, Phone = "+19175550163" }, "+19175550163", timeZone: null));
        Assert.Contains("does not exist", refused.Message);
        Assert.Equal(0L, await SqlAsync("SELECT count(*) FROM leads WHERE list_id = $1", listId));
    }

    [Fact]
    public async Task Lists_DeleteWhileALeadIsDialing_IsAConflict()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n9175550140\n"));
        await SqlAsync("UPDATE leads SET status = 'Dialing', current_call_id = 'c1' WHERE list_id = $1", listId);
        await LeadApiClient.ReadAsync(await Http.DeleteAsync($"/api/lists/{listId}"), HttpStatusCode.Conflict);
        await SqlAsync("UPDATE leads SET status = 'Done', current_call_id = NULL WHERE list_id = $1", listId);
    }

    [Fact]
    public async Task Recycle_PutsMatchingFinishedLeadsBackToNew()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n9175550150\n9175550151\n9175550152\n9175550153\n9175550154\n"));
        var ids = (await api.LeadsAsync(listId)).Select(l => l["id"]!.GetValue<long>()).ToArray();
        await SqlAsync("UPDATE leads SET status = 'Done', attempts = 3, last_outcome = 'Busy' WHERE id = $1", ids[0]);
        await SqlAsync("UPDATE leads SET status = 'Done', attempts = 2, last_outcome = 'Answered', disposition = 'No Answer' WHERE id = $1", ids[1]);
        await SqlAsync("UPDATE leads SET status = 'Done', attempts = 1, last_outcome = 'Answered', disposition = 'Sale' WHERE id = $1", ids[2]);
        await SqlAsync("UPDATE leads SET status = 'Callback', attempts = 1, last_outcome = 'Busy' WHERE id = $1", ids[3]);
        await SqlAsync("UPDATE leads SET status = 'New', attempts = 2, last_outcome = 'NoAnswer', next_callable_at = now() + interval '1 day' WHERE id = $1", ids[4]);

        var result = await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync($"/api/lists/{listId}/recycle",
            new { outcomes = new[] { "Busy", "NoAnswer" }, dispositions = new[] { "No Answer" }, resetAttempts = true }), HttpStatusCode.OK);
        Assert.Equal(3, result["recycled"]!.GetValue<int>());
        var leads = (await api.LeadsAsync(listId)).ToDictionary(l => l["id"]!.GetValue<long>());
        Assert.Equal(("New", 0), (leads[ids[0]]["status"]!.GetValue<string>(), leads[ids[0]]["attempts"]!.GetValue<int>()));
        Assert.Equal("New", leads[ids[1]]["status"]!.GetValue<string>());
        Assert.Equal("Done", leads[ids[2]]["status"]!.GetValue<string>());
        Assert.Equal("Callback", leads[ids[3]]["status"]!.GetValue<string>());
        Assert.Null(leads[ids[4]]["nextCallableAt"]);

        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync($"/api/lists/{listId}/recycle", new { outcomes = new[] { "Sleepy" } }), HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync($"/api/lists/{listId}/recycle", new { }), HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/lists/999999/recycle", new { outcomes = new[] { "Busy" } }), HttpStatusCode.NotFound);
    }

    private async Task<object?> SqlAsync(string sql, long id)
    {
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync();
    }
}
