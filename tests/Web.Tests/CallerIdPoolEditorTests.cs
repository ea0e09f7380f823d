using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The campaign editor's local-presence pool (callerIdPool): numbers with region and own cap, the pool's
/// cap and rest, through the page, the API and a reload, and the API's per-field messages at the fields.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CallerIdPoolEditorTests(WebServer server)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    private static string[] NumbersIn(JsonElement definition) =>
        [.. definition.GetProperty("callerIdPool").GetProperty("numbers").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];

    private async Task<JsonElement> EventuallyAsync(string campaignId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var definition = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition");
            if (done(definition)) return definition;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("The campaign never got there: " + definition);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Editor_CreatesACampaignWithAPoolOfTwoNumbers_AndShowsTheApisErrorAtABadNumber()
    {
        await using var admin = await server.OpenAsync();
        var page = admin.Page;
        await admin.SignInAsync("admin", WebServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));

        await page.GotoAsync("/manage/campaigns/new");
        var pool = page.Locator("section[aria-labelledby='pool-title']");
        await Expect(pool.GetByRole(AriaRole.Heading, new() { Name = "Caller ID (local presence)" })).ToBeVisibleAsync();
        await Expect(pool.GetByText("No pool numbers.")).ToBeVisibleAsync();
        await page.GetByLabel("Name", Exact).FillAsync("Local presence campaign");
        await page.GetByLabel(new Regex("^Caller ID \\(E\\.164\\)")).FillAsync(Floor.CallerId);

        var add = page.GetByRole(AriaRole.Button, new() { Name = "Add a pool number" });
        await add.ClickAsync();
        await add.ClickAsync();
        await page.GetByLabel("Pool number 1", Exact).FillAsync("+12125550100");
        await page.GetByLabel("Region of pool number 1", Exact).FillAsync("NY");
        await page.GetByLabel("Daily cap of pool number 1", Exact).FillAsync("100");
        await page.GetByLabel("Pool number 2", Exact).FillAsync("+13105550100");
        await page.GetByLabel("Region of pool number 2", Exact).FillAsync("CA");
        var poolCap = page.GetByLabel(new Regex("^Daily cap per number"));
        var restHours = page.GetByLabel(new Regex("^Rest hours after the cap"));
        await Expect(poolCap).ToHaveValueAsync("200");
        await Expect(restHours).ToHaveValueAsync("24");
        await poolCap.FillAsync("150");
        await restHours.FillAsync("12");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/campaigns/[0-9a-f]{12}$"));
        var campaignId = page.Url[^12..];
        var stored = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition").GetProperty("callerIdPool");
        var numbers = stored.GetProperty("numbers").EnumerateArray().ToArray();
        Assert.Equal(2, numbers.Length);
        Assert.Equal("+12125550100", numbers[0].GetProperty("number").GetString());
        Assert.Equal("NY", numbers[0].GetProperty("region").GetString());
        Assert.Equal(100, numbers[0].GetProperty("dailyCap").GetInt32());
        Assert.Equal("+13105550100", numbers[1].GetProperty("number").GetString());
        Assert.Equal("CA", numbers[1].GetProperty("region").GetString());
        // No cap of its own: the pool's applies.
        Assert.True(!numbers[1].TryGetProperty("dailyCap", out var own) || own.ValueKind == JsonValueKind.Null);
        Assert.Equal(150, stored.GetProperty("dailyCap").GetInt32());
        Assert.Equal(12, stored.GetProperty("restHours").GetInt32());

        // Reopened, the page shows what was stored.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Pool number 1", Exact)).ToHaveValueAsync("+12125550100");
        await Expect(page.GetByLabel("Region of pool number 1", Exact)).ToHaveValueAsync("NY");
        await Expect(page.GetByLabel("Daily cap of pool number 1", Exact)).ToHaveValueAsync("100");
        await Expect(page.GetByLabel("Pool number 2", Exact)).ToHaveValueAsync("+13105550100");
        await Expect(page.GetByLabel("Region of pool number 2", Exact)).ToHaveValueAsync("CA");
        await Expect(page.GetByLabel("Daily cap of pool number 2", Exact)).ToHaveValueAsync("");
        await Expect(poolCap).ToHaveValueAsync("150");
        await Expect(restHours).ToHaveValueAsync("12");

        // A number that is no E.164: the API's message shows at that number, and nothing is stored.
        var second = page.GetByLabel("Pool number 2", Exact);
        await second.FillAsync("310-555-0100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        var secondCell = pool.Locator("td").Filter(new() { Has = page.Locator("#pool-number-1") });
        await Expect(secondCell.Locator(".field-error")).ToContainTextAsync("E.164");
        await Expect(second).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Pool number 1", Exact)).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "callerIdPool.numbers[1].number" }).First).ToBeVisibleAsync();
        Assert.Equal(new[] { "+12125550100", "+13105550100" }, NumbersIn((await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition")));

        // Removed instead: one number is left; every number removed, the campaign has no pool.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove pool number 2" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Expect(page.GetByText("Campaign saved.")).ToBeVisibleAsync();
        await Expect(second).ToHaveCountAsync(0);
        Assert.Equal(new[] { "+12125550100" }, NumbersIn((await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition")));

        // The notice from the last save stays up: wait for the API, not the page, to see this one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove pool number 1" }).ClickAsync();
        await Expect(pool.GetByText("No pool numbers.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        var definition = await EventuallyAsync(campaignId, d => !d.TryGetProperty("callerIdPool", out var p) || p.ValueKind == JsonValueKind.Null);
        Assert.Equal(Floor.CallerId, definition.GetProperty("callerId").GetString());
        await page.ReloadAsync();
        await Expect(pool.GetByText("No pool numbers.")).ToBeVisibleAsync();
    }
}
