using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The Dialer Dashboard in a real browser while an Auto campaign dials on the simulated carrier.</summary>
[Collection(WebCollection.Name)]
public sealed class WallboardTests(WebServer server)
{
    [Fact]
    public async Task Wallboard_CountersMove_WhileAnAutoCampaignRuns()
    {
        var listId = await server.CreateListAsync("Wallboard leads");
        for (var i = 0; i < 40; i++)
            await server.AddLeadAsync(new { listId, firstName = $"Wall{i}", lastName = "Board", phone = $"+1415555{2000 + i}", city = "San Francisco" });
        // Short calls, and a one-second wrap-up timeout that dispositions for the agents: the floor runs on its own.
        var campaignId = await server.CreateCampaignAsync("Wallboard run", "Auto", [listId],
            new { answerRate = 0.5, busyRate = 0.3, noAnswerRate = 0.2, voicemailRate = 0.0, ringSeconds = 0.3, talkSeconds = 1.0 }, wrapUpTimeoutSeconds: 1);
        foreach (var agentId in new[] { "wall-1", "wall-2" })
        {
            await server.PostAsync("/api/agents", new { id = agentId, name = "Agent " + agentId }, System.Net.HttpStatusCode.Created);
            await server.PostAsync($"/api/agents/{agentId}/login", new { campaignId });
            await server.PostAsync($"/api/agents/{agentId}/ready");
        }
        var password = await server.CreateSupervisorAsync("web-wallboard");

        await using var supervisor = await server.OpenAsync();
        var page = supervisor.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await supervisor.SignInAsync("web-wallboard", password);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        var row = page.Locator($"tr[data-campaign='{campaignId}']");
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Draft");
        await Expect(row.GetByTestId("dialed")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-agent='wall-1']")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Running");
        // The counters move without a reload: pushed or polled, the page keeps up.
        var dialed = await WaitForAsync(row.GetByTestId("dialed"), n => n >= 6);
        await WaitForAsync(row.GetByTestId("answered"), n => n >= 1);
        Assert.True(dialed >= 6);
        // The calls-per-minute chart fills from the call records as they finish.
        await Expect(page.Locator("svg rect.bar").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Floor totals" })).ToContainTextAsync("Agents logged in");
        await supervisor.ScreenshotAsync("dashboard");

        await row.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Stopped");
    }

    [Fact]
    public async Task Wallboard_SaysWhyARunningCampaignDialsNothing()
    {
        var listId = await server.CreateListAsync("Idle leads");
        await server.AddLeadAsync(new { listId, firstName = "Idle", lastName = "Lead", phone = "+14155552999", city = "San Francisco" });
        var campaignId = await server.CreateCampaignAsync("Nobody here", "Auto", [listId],
            new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.3, talkSeconds = 1.0 });
        await server.PostAsync($"/api/campaigns/{campaignId}/start");
        var password = await server.CreateSupervisorAsync("web-idle");

        await using var supervisor = await server.OpenAsync();
        await supervisor.SignInAsync("web-idle", password);
        var row = supervisor.Page.Locator($"tr[data-campaign='{campaignId}']");
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Running");
        await Expect(row.GetByTestId("idle")).ToHaveTextAsync("No agents are logged in.");
    }

    /// <summary>Waits until the number shown in <paramref name="cell"/> satisfies <paramref name="done"/>; returns it.</summary>
    private static async Task<int> WaitForAsync(ILocator cell, Func<int, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        var value = 0;
        while (DateTime.UtcNow < deadline)
        {
            value = int.Parse((await cell.InnerTextAsync()).Replace(",", ""), CultureInfo.InvariantCulture);
            if (done(value)) return value;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"The wallboard still shows {value}.");
    }
}
