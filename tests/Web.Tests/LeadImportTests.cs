using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>Lead management in a real browser: a supervisor imports a CSV with a column-mapping step.</summary>
[Collection(WebCollection.Name)]
public sealed class LeadImportTests(WebServer server)
{
    [Fact]
    public async Task Supervisor_UploadsCsv_MapsColumns_WatchesTheBarReach100_AndSeesTheRejectedRows()
    {
        var password = await server.CreateSupervisorAsync("web-importer");
        // Headers the server would not recognise on its own ("Tel No" would become a custom field).
        var rows = new List<string> { "Given,Family,Tel No,Town,Junk" };
        for (var i = 0; i < 40; i++) rows.Add($"Name{i},Family{i},(617) 555-{1000 + i},Boston,x");
        rows.Insert(3, "Ben,Cole,12,Boston,x");
        rows.Insert(6, "Dan,Eve,,Quincy,x");
        var file = Path.Combine(Path.GetTempPath(), $"web-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, rows);

        await using var supervisor = await server.OpenAsync();
        var page = supervisor.Page;
        await supervisor.SignInAsync("web-importer", password, "/manage/lists");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lists & imports" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Boston leads");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create list" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = "Boston leads" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();

        await page.Locator("#csv-file").SetInputFilesAsync(file);
        var mapping = page.GetByTestId("mapping-table");
        await Expect(mapping).ToContainTextAsync("(617) 555-1000");
        await Expect(page.GetByLabel("Import column Tel No as")).ToHaveValueAsync("custom");
        await page.GetByLabel("Import column Given as").SelectOptionAsync("firstName");
        await page.GetByLabel("Import column Family as").SelectOptionAsync("lastName");
        await page.GetByLabel("Import column Tel No as").SelectOptionAsync("phone");
        await page.GetByLabel("Import column Town as").SelectOptionAsync("city");
        await page.GetByLabel("Import column Junk as").SelectOptionAsync("ignore");
        await supervisor.ScreenshotAsync("import-mapping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();

        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Import progress" });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.GetByTestId("import-percent")).ToHaveTextAsync("100 %");
        await Expect(page.GetByTestId("import-imported")).ToHaveTextAsync("40 imported");
        await Expect(page.GetByTestId("import-rejected")).ToHaveTextAsync("2 rejected");
        var rejected = page.GetByTestId("rejected-table").Locator("tbody tr");
        await Expect(rejected).ToHaveCountAsync(2);
        await Expect(rejected.Nth(0).Locator("td")).ToHaveTextAsync([new Regex("^4$"), new Regex("'12' is not a valid phone number"), new Regex("Ben")]);
        await Expect(rejected.Nth(1).Locator("td")).ToHaveTextAsync([new Regex("^7$"), new Regex("phone number is missing"), new Regex("Dan")]);
        await supervisor.ScreenshotAsync("import-done");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download rejected rows (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("line,reason,Given,Family,Tel No,Town,Junk", csv);
        Assert.Contains("Dan,Eve,,Quincy,x", csv);

        // The imported leads, found with the search's filters.
        await page.GetByRole(AriaRole.Link, new() { Name = "See the leads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leads", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel(new Regex("^Text")).FillAsync("Name7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr")).ToContainTextAsync("+16175551007");
        await page.GetByLabel(new Regex("^Text")).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(40);
        await supervisor.ScreenshotAsync("lead-search");
        File.Delete(file);
    }
}
