using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>HTTP helpers for the lead tests: lists, uploads, waiting for an import to finish.</summary>
public sealed class LeadApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    public async Task<long> CreateListAsync(string name = "Imported", string region = "US") =>
        (await ReadAsync(await http.PostAsJsonAsync("/api/lists", new { name, defaultRegion = region }), HttpStatusCode.Created))["id"]!.GetValue<long>();

    public static MultipartFormDataContent Upload(HttpContent file, string? duplicates = null, string? mapping = null)
    {
        var form = new MultipartFormDataContent();
        if (duplicates is not null) form.Add(new StringContent(duplicates), "duplicates");
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        return form;
    }

    public Task<HttpResponseMessage> PostImportAsync(long listId, byte[] file, string? duplicates = null, string? mapping = null) =>
        http.PostAsync($"/api/lists/{listId}/imports", Upload(new ByteArrayContent(file), duplicates, mapping));

    /// <summary>Uploads, expects 202, and waits for the import to end; returns its final status.</summary>
    public async Task<JsonNode> ImportAsync(long listId, byte[] file, string? duplicates = null, string? mapping = null, string expectedStatus = "Completed") =>
        await ImportAsync(listId, new ByteArrayContent(file), duplicates, mapping, expectedStatus);

    public async Task<JsonNode> ImportAsync(long listId, HttpContent file, string? duplicates = null, string? mapping = null, string expectedStatus = "Completed")
    {
        var response = await http.PostAsync($"/api/lists/{listId}/imports", Upload(file, duplicates, mapping));
        var accepted = await ReadAsync(response, HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<long>();
        Assert.Equal($"/api/imports/{id}", response.Headers.Location!.OriginalString);
        var status = await WaitAsync(id);
        Assert.True(status["status"]!.GetValue<string>() == expectedStatus, status.ToJsonString());
        return status;
    }

    public async Task<JsonNode> WaitAsync(long importId)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await ReadAsync(await http.GetAsync($"/api/imports/{importId}"), HttpStatusCode.OK);
            if (status["status"]!.GetValue<string>() != "Running") return status;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Import {importId} did not finish in 30 s.");
    }

    public async Task<string> ErrorsCsvAsync(long importId)
    {
        var response = await http.GetAsync($"/api/imports/{importId}/errors");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<List<JsonNode>> LeadsAsync(long listId, string extra = "")
    {
        var page = await ReadAsync(await http.GetAsync($"/api/leads?listId={listId}&limit=1000{extra}"), HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(n => n!).ToList();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
