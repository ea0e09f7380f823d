using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>
/// CSV we hand out is opened in spreadsheets: cells that would run as formulas go out with a leading
/// apostrophe, phone numbers stay numbers, and our own import takes the apostrophe off again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LeadExportFormulaTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);

    [Fact]
    public async Task Export_FormulaCellsGetAnApostrophe_PhonesStayAsTheyAre_AndImportBackUnchanged()
    {
        var listId = await api.CreateListAsync("Formulas");
        var csv = "First Name,Last Name,Address,City,Phone,Alt Phone,Comments,Tags,Dept\n" +
                  "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",+cmd|' /C calc'!A0,@SUM(1+1),-2+3,2127340199,3105550100|3105550101,'=quoted by a spreadsheet,=a|b,=1+1\n";
        await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        var original = Assert.Single(await api.LeadsAsync(listId));
        // The spreadsheet's own apostrophe was taken off on import, like ours is.
        Assert.Equal("=quoted by a spreadsheet", original["comments"]!.GetValue<string>());

        var exported = await ExportAsync($"/api/lists/{listId}/export");
        var row = exported.Split("\r\n")[1];
        Assert.StartsWith($"{original["id"]},{listId},\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+cmd|' /C calc'!A0,'@SUM(1+1),'-2+3,,,,+12127340199,'+13105550100|+13105550101,",
            row, StringComparison.Ordinal);
        Assert.Contains(",'=quoted by a spreadsheet,", row, StringComparison.Ordinal);
        Assert.Contains(",'=a|b,", row, StringComparison.Ordinal);

        var copyId = await api.CreateListAsync("Formulas copy");
        var status = await api.ImportAsync(copyId, LeadApiClient.Utf8(exported));
        Assert.Equal(1, status["imported"]!.GetValue<long>());
        var copy = Assert.Single(await api.LeadsAsync(copyId));
        foreach (var field in (string[])["firstName", "lastName", "address", "city", "phone", "altPhones", "comments", "customFields", "tags"])
        {
            Assert.Equal(original[field]?.ToJsonString(), copy[field]?.ToJsonString());
        }
        Assert.Equal("+cmd|' /C calc'!A0", copy["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportErrors_FormulaCellsOfRejectedRowsGetAnApostrophe()
    {
        var listId = await api.CreateListAsync("Rejected formulas");
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8("First Name,Phone\n=2+5,@cmd\n"));
        Assert.Equal(1, status["rejected"]!.GetValue<long>());

        var errors = (await api.ErrorsCsvAsync(status["id"]!.GetValue<long>())).Split("\r\n");
        Assert.Equal("line,reason,First Name,Phone", errors[0]);
        Assert.StartsWith("2,", errors[1], StringComparison.Ordinal);
        Assert.EndsWith(",'=2+5,'@cmd", errors[1], StringComparison.Ordinal);
    }

    private async Task<string> ExportAsync(string url)
    {
        var response = await server.Http.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
