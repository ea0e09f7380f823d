using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>An admin's tour of the management pages: each opens without a script error and shows its data.</summary>
[Collection(WebCollection.Name)]
public sealed class ManagementPagesTests(WebServer server)
{
    [Fact]
    public async Task Admin_OpensEveryManagementPage_AndCreatesACampaignWithTheEditor()
    {
        var listId = await server.CreateListAsync("Tour list");
        var leadId = await server.AddLeadAsync(new { listId, firstName = "Tia", lastName = "Tour", phone = "+12025550177", city = "Washington", email = "tia@example.com" });
        await server.PostAsync("/api/agents", new { id = "web-tour", name = "Tom Tour" }, System.Net.HttpStatusCode.Created);

        await using var admin = await server.OpenAsync();
        var page = admin.Page;
        await admin.SignInAsync("admin", WebServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Management", Exact = true })).ToBeVisibleAsync();
        await admin.ScreenshotAsync("manage");

        // The campaign editor: every option of the API on one form.
        await page.GotoAsync("/manage/campaigns/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tour campaign");
        await page.GetByLabel("Dialer").SelectOptionAsync("Auto");
        await page.GetByLabel(new Regex("^Caller ID \\(E\\.164\\)")).FillAsync("+12025550100");
        await page.GetByLabel("Add a list").SelectOptionAsync(listId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add list" }).ClickAsync();
        await page.GetByLabel("Tom Tour").CheckAsync();
        await page.GetByLabel(new Regex("^Wrap-up timeout")).FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a weekday override" }).ClickAsync();
        await page.GetByLabel("Set this campaign's simulated answer rates and times").CheckAsync();
        await admin.ScreenshotAsync("campaign-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/campaigns/[0-9a-f]{12}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tour campaign" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status Draft" })).ToBeVisibleAsync();
        var campaignId = page.Url[^12..];
        var stored = await server.GetAsync($"/api/campaigns/{campaignId}");
        var definition = stored.GetProperty("definition");
        Assert.Equal("Auto", definition.GetProperty("dialerType").GetString());
        Assert.Equal(45, definition.GetProperty("wrapUpTimeoutSeconds").GetInt32());
        Assert.Equal(listId, definition.GetProperty("listIds")[0].GetInt64());
        Assert.Equal("web-tour", definition.GetProperty("agentIds")[0].GetString());
        Assert.True(definition.GetProperty("callingWindow").GetProperty("weekdays")[0].GetProperty("closed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, definition.GetProperty("simulation").ValueKind);

        (string Path, string Heading, string Shot, string Shows)[] tour =
        [
            ("/manage/campaigns", "Campaigns", "campaigns", "Tour campaign"),
            ("/manage/lists", "Lists & imports", "lists", "Tour list"),
            ($"/manage/leads/{leadId}", $"Lead {leadId}", "lead-detail", "Tia Tour"),
            ("/manage/dnc", "Do not call", "dnc", "Add a number"),
            ("/manage/agents", "Agents", "agents", "Tom Tour"),
            ("/manage/agents/web-tour", "Agent Tom Tour", "agent-detail", "Tour campaign"),
            ("/manage/calls", "Calls & reports", "calls", "Call records"),
            ("/manage/users", "Users", "users", "admin (you)"),
            ("/manage/api-keys", "API keys", "api-keys", "web tests"),
            ("/manage/scripts/new", "New AI agent script", "script-editor", "YAML or JSON"),
        ];
        foreach (var (path, heading, shot, shows) in tour)
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(shows);
            await admin.ScreenshotAsync(shot);
        }

        // A script error comes back at its path in the script.
        await page.GetByLabel("YAML or JSON").FillAsync("version: 1\nname: Broken\nstart: nowhere\nnodes:\n  - {id: a, kind: end, closing: Bye.}\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save version 1" }).ClickAsync();
        await Expect(page.Locator("#script-problems")).ToContainTextAsync("start");

        // At phone width the pages fold to one column: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/dashboard", "/manage/campaigns", $"/manage/campaigns/{campaignId}" })
        {
            await page.GotoAsync(path);
            // The pages stream or poll, so the network is never idle: wait for the content instead.
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Loading");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{path} is {overflow} px wider than a phone screen");
        }
    }
}
