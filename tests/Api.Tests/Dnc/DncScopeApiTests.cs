using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Tests.Leads;
using ContactCenter.Api.Tests.Support;
using Npgsql;

namespace ContactCenter.Api.Tests.Dnc;

/// <summary>
/// What adding and removing DNC numbers through the API does to leads: a global entry marks the
/// number's waiting leads (New, Queued, Callback) DoNotCall, a campaign's entry none, a removal none.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DncScopeApiTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);
    private HttpClient Http => server.Http;

    /// <summary>A list with one lead per number, in the given statuses (Queued ones held by a campaign's hopper).</summary>
    private async Task<long> ListWithAsync(params (string Phone, string Status)[] leads)
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n" + string.Join("\n", leads.Select(l => l.Phone)) + "\n"));
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        foreach (var (phone, status) in leads)
        {
            await using var cmd = db.CreateCommand("UPDATE leads SET status = $3, queued_by = CASE WHEN $3 = 'Queued' THEN 'camp-hopper' END WHERE list_id = $1 AND phone = $2");
            cmd.Parameters.Add(new() { Value = listId });
            cmd.Parameters.Add(new() { Value = "+1" + phone });
            cmd.Parameters.Add(new() { Value = status });
            await cmd.ExecuteNonQueryAsync();
        }
        return listId;
    }

    private async Task<List<string>> StatusesAsync(long listId) =>
        [.. (await api.LeadsAsync(listId)).Select(l => l["status"]!.GetValue<string>())];

    [Fact]
    public async Task GlobalAdd_MarksNewQueuedAndCallbackLeads_NotDoneOnes()
    {
        var listId = await ListWithAsync(("3475550181", "New"), ("3475550182", "New"), ("3475550183", "New"), ("3475550184", "New"));
        var twin = await ListWithAsync(("3475550181", "Queued"), ("3475550182", "Callback"), ("3475550183", "Done"));

        foreach (var phone in new[] { "347-555-0181", "347-555-0182", "347-555-0183" })
            await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone, reason = "asked" }), HttpStatusCode.Created);

        Assert.Equal(["DoNotCall", "DoNotCall", "DoNotCall", "New"], await StatusesAsync(listId));
        Assert.Equal(["DoNotCall", "DoNotCall", "Done"], await StatusesAsync(twin));
    }

    [Fact]
    public async Task GlobalBulkFile_MarksQueuedLeadsToo()
    {
        var listId = await ListWithAsync(("3475550185", "Queued"), ("3475550186", "Callback"));
        var form = new MultipartFormDataContent { { new ByteArrayContent(LeadApiClient.Utf8("3475550185\n3475550186\n")), "file", "dnc.txt" } };

        var result = await LeadApiClient.ReadAsync(await Http.PostAsync("/api/dnc/imports", form), HttpStatusCode.OK);

        Assert.Equal(2, result["leadsMarked"]!.GetValue<long>());
        Assert.Equal(["DoNotCall", "DoNotCall"], await StatusesAsync(listId));
    }

    [Fact]
    public async Task CampaignAdd_LeavesLeadsAlone_InEveryStatus()
    {
        var listId = await ListWithAsync(("3475550187", "New"), ("3475550188", "Queued"));
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "3475550187", campaignId = "camp-a" }), HttpStatusCode.Created);
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "3475550188", campaignId = "camp-a" }), HttpStatusCode.Created);
        Assert.Equal(["New", "Queued"], await StatusesAsync(listId));
    }

    [Fact]
    public async Task GlobalRemove_LeavesMarkedLeadsDoNotCall()
    {
        var listId = await ListWithAsync(("3475550189", "New"));
        await LeadApiClient.ReadAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "3475550189" }), HttpStatusCode.Created);
        await LeadApiClient.ReadAsync(await Http.DeleteAsync("/api/dnc/3475550189"), HttpStatusCode.NoContent);
        Assert.Equal(["DoNotCall"], await StatusesAsync(listId));
    }
}
