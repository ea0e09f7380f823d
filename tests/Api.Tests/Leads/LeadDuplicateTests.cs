using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>POST /api/leads follows the list's duplicate rule, the same one a CSV import takes (duplicates=skip by default).</summary>
[Collection(ApiCollection.Name)]
public sealed class LeadDuplicateTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);
    private HttpClient Http => server.Http;

    private Task<HttpResponseMessage> PostAsync(object lead, string? duplicates = null) =>
        Http.PostAsJsonAsync(duplicates is null ? "/api/leads" : $"/api/leads?duplicates={duplicates}", lead);

    [Fact]
    public async Task SameNumberTwice_SecondIs409NamingTheFirst_AndTheListKeepsOneLead()
    {
        var listId = await api.CreateListAsync();
        var first = await LeadApiClient.ReadAsync(await PostAsync(new { listId, firstName = "Ann", phone = "(212) 734-0301" }), HttpStatusCode.Created);

        var response = await PostAsync(new { listId, firstName = "Ann again", phone = "+1 212-734-0301" });
        var problem = await LeadApiClient.ReadAsync(response, HttpStatusCode.Conflict);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Equal(first["id"]!.GetValue<long>(), problem["leadId"]!.GetValue<long>());
        var leads = await api.LeadsAsync(listId);
        Assert.Equal("Ann", Assert.Single(leads)["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameNumberInAnotherList_IsNoDuplicate()
    {
        var listA = await api.CreateListAsync();
        var listB = await api.CreateListAsync();
        await LeadApiClient.ReadAsync(await PostAsync(new { listId = listA, phone = "(212) 734-0302" }), HttpStatusCode.Created);
        await LeadApiClient.ReadAsync(await PostAsync(new { listId = listB, phone = "(212) 734-0302" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task DuplicatesUpdate_UpdatesTheLeadAlreadyThere_As200()
    {
        var listId = await api.CreateListAsync();
        var first = await LeadApiClient.ReadAsync(await PostAsync(new { listId, firstName = "Ann", lastName = "Lee", phone = "(212) 734-0303", tags = new[] { "a" } }), HttpStatusCode.Created);

        var updated = await LeadApiClient.ReadAsync(await PostAsync(new { listId, firstName = "Anne", phone = "212 734 0303", tags = new[] { "b" } }, "update"), HttpStatusCode.OK);

        Assert.Equal(first["id"]!.GetValue<long>(), updated["id"]!.GetValue<long>());
        Assert.Equal("Anne", updated["firstName"]!.GetValue<string>());
        Assert.Equal("Lee", updated["lastName"]!.GetValue<string>());   // an empty field keeps the old value, as in an import
        Assert.Equal(["a", "b"], updated["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Single(await api.LeadsAsync(listId));
    }

    [Fact]
    public async Task DuplicatesAllow_AddsASecondLead()
    {
        var listId = await api.CreateListAsync();
        await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(212) 734-0304" }), HttpStatusCode.Created);
        await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(212) 734-0304" }, "allow"), HttpStatusCode.Created);
        Assert.Equal(2, (await api.LeadsAsync(listId)).Count);
    }

    [Fact]
    public async Task UnknownDuplicateRule_Is400()
    {
        var listId = await api.CreateListAsync();
        var problem = await LeadApiClient.ReadAsync(await PostAsync(new { listId, phone = "(212) 734-0305" }, "sometimes"), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["duplicates"]);
        Assert.Empty(await api.LeadsAsync(listId));
    }

    [Fact]
    public async Task ConcurrentPostsOfOneNumber_LeaveExactlyOneLead()
    {
        var listId = await api.CreateListAsync();
        for (var round = 0; round < 3; round++)
        {
            var phone = $"(212) 734-031{round}";
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PostAsync(new { listId, firstName = $"Racer {i}", phone })));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var created = await LeadApiClient.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created);
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
                Assert.Equal(created["id"]!.GetValue<long>(), (await LeadApiClient.ReadAsync(conflict, HttpStatusCode.Conflict))["leadId"]!.GetValue<long>());
        }
        Assert.Equal(3, (await api.LeadsAsync(listId)).Count);
    }
}
