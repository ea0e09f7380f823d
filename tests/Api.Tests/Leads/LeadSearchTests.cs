using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;
using Npgsql;

namespace ContactCenter.Api.Tests.Leads;

[Collection(ApiCollection.Name)]
public sealed class LeadSearchTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);

    private async Task<long> ListWithLeadsAsync()
    {
        var listId = await api.CreateListAsync("Search");
        // Repeated and missing last names make ties that only the id can break.
        var names = new[] { "Lee", "", "Adams", "Lee", "Zhu", "", "Baker", "Lee", "adams", "Ng", "Baker", "O'Neil", "Lee", "Young", "", "Cruz", "Lee", "Diaz", "Ng", "Ito", "Lee", "Eck" };
        var csv = new StringBuilder("First Name,Last Name,Phone,Tags\n");
        for (var i = 0; i < names.Length; i++) csv.Append($"P{i},{names[i]},212555{1000 + i},{(i % 3 == 0 ? "gold" : "")}\n");
        await api.ImportAsync(listId, LeadApiClient.Utf8(csv.ToString()));
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using var cmd = db.CreateCommand("UPDATE leads SET attempts = (id % 4)::int WHERE list_id = $1");
        cmd.Parameters.Add(new() { Value = listId });
        await cmd.ExecuteNonQueryAsync();
        return listId;
    }

    private async Task<List<long>> WalkAsync(string query, int pageSize)
    {
        var ids = new List<long>();
        string? next = null;
        for (var page = 0; page < 100; page++)
        {
            var url = $"/api/leads?{query}&limit={pageSize}" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}");
            var body = await LeadApiClient.ReadAsync(await server.Http.GetAsync(url), HttpStatusCode.OK);
            ids.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            next = body["next"]?.GetValue<string>();
            if (next is null) return ids;
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("lastName")]
    [InlineData("-lastName")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("-attempts")]
    [InlineData("firstName")]
    public async Task Search_PagesInAnySort_MatchOneBigPage(string sort)
    {
        var listId = await ListWithLeadsAsync();
        var whole = await WalkAsync($"listId={listId}&sort={sort}", 1000);
        Assert.Equal(22, whole.Count);
        foreach (var size in new[] { 1, 4, 7 })
        {
            var paged = await WalkAsync($"listId={listId}&sort={sort}", size);
            Assert.Equal(whole, paged);
        }
    }

    [Fact]
    public async Task Search_SortByLastName_TiesAndMissingNamesFollowTheDatabaseOrder()
    {
        var listId = await ListWithLeadsAsync();
        var page = await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/leads?listId={listId}&sort=lastName&limit=1000"), HttpStatusCode.OK);
        var items = page["items"]!.AsArray().Select(i => i!).ToList();
        Assert.True(items.Take(3).All(i => i["lastName"] is null), "leads without a last name sort first, as empty text");
        var lees = items.Where(i => i["lastName"]?.GetValue<string>() == "Lee").Select(i => i["id"]!.GetValue<long>()).ToList();
        Assert.Equal(lees.Order(), lees);
        var descending = await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/leads?listId={listId}&sort=-lastName&limit=1000"), HttpStatusCode.OK);
        Assert.Equal(items.Select(i => i["id"]!.GetValue<long>()).Reverse(), descending["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Search_FiltersByAttemptsTagAndText()
    {
        var listId = await ListWithLeadsAsync();
        var all = await api.LeadsAsync(listId);
        var between = await api.LeadsAsync(listId, "&minAttempts=1&maxAttempts=2");
        Assert.Equal(all.Count(l => l["attempts"]!.GetValue<int>() is 1 or 2), between.Count);
        Assert.NotEmpty(between);
        Assert.Equal(8, (await api.LeadsAsync(listId, "&tag=gold")).Count);
        Assert.Equal(6, (await api.LeadsAsync(listId, "&q=lee")).Count);
        Assert.Single(await api.LeadsAsync(listId, "&q=O'Neil"));
    }

    [Theory]
    [InlineData("sort=shoeSize")]
    [InlineData("sort=lastName&after=bm90IGEgY3Vyc29y")]
    [InlineData("minAttempts=3&maxAttempts=1")]
    [InlineData("status=Sleeping")]
    [InlineData("limit=0")]
    public async Task Search_BadParameters_AreProblems(string query)
    {
        await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/leads?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_CursorOfAnotherSort_IsRefused()
    {
        var listId = await ListWithLeadsAsync();
        var page = await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/leads?listId={listId}&sort=lastName&limit=2"), HttpStatusCode.OK);
        var next = page["next"]!.GetValue<string>();
        var problem = await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/leads?listId={listId}&sort=-createdAt&after={Uri.EscapeDataString(next)}"), HttpStatusCode.BadRequest);
        Assert.Contains("same sort", problem["errors"]!["after"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_ImportsBackAsTheSameLeads()
    {
        var listId = await api.CreateListAsync("Round trip");
        var csv = "First Name,Last Name,Address,City,State,Zip,Country,Phone,Alt Phone,Gender,Email,Comments,Tags,Shoe Size\n" +
                  "Ann,\"Lee, Jr.\",1 Main St,New York,NY,10021,US,2127340199,3105550100,F,ann@example.com,\"said \"\"call\nlater\"\"\",vip|new,9\n" +
                  "Bo,Bay,,Austin,TX,,,5125550100,,,,,,\n";
        await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        var exported = await ExportAsync($"/api/lists/{listId}/export");
        Assert.StartsWith("id,listId,firstName,lastName,", exported);

        var copyId = await api.CreateListAsync("Copy");
        var status = await api.ImportAsync(copyId, LeadApiClient.Utf8(exported));
        Assert.Equal(2, status["imported"]!.GetValue<long>());
        Assert.Equal(0, status["rejected"]!.GetValue<long>());
        var original = await api.LeadsAsync(listId);
        var copy = await api.LeadsAsync(copyId);
        string[] profile = ["firstName", "lastName", "address", "city", "state", "postalCode", "country", "phone", "altPhones", "gender", "email", "comments", "customFields", "tags", "timeZone"];
        for (var i = 0; i < original.Count; i++)
        {
            foreach (var field in profile)
                Assert.Equal(original[i][field]?.ToJsonString(), copy[i][field]?.ToJsonString());
        }
        Assert.Equal("said \"call\nlater\"", copy[0]["comments"]!.GetValue<string>());
        Assert.Equal("9", copy[0]["customFields"]!["Shoe Size"]!.GetValue<string>());

        // The filtered export takes the search's filters.
        var filtered = await ExportAsync($"/api/leads/export?listId={copyId}&tag=vip");
        var rows = filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length); // header + Ann (her quoted comment holds a bare LF, not a row end)
        Assert.Contains(",Ann,", rows[1]);
    }

    private async Task<string> ExportAsync(string url)
    {
        var response = await server.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
