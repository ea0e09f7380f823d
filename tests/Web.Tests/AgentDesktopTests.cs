using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The agent desktop in a real browser: a Preview shift card by card, and an Auto call that pops the lead.</summary>
[Collection(WebCollection.Name)]
public sealed class AgentDesktopTests(WebServer server)
{
    private sealed record PreviewLead(string First, string Last, string Phone, string Address, string Email);

    [Fact]
    public async Task PreviewAgent_WorksThreeLeads_FromTheCardToTheWrapUp()
    {
        var listId = await server.CreateListAsync("Preview desk");
        PreviewLead[] leads =
        [
            new("Pat", "Lane", "+12127342001", "1 Main St", "pat.lane@example.com"),
            new("Sam", "Moss", "+12127342002", "2 Elm St", "sam.moss@example.com"),
            new("Kim", "Nash", "+12127342003", "3 Oak Ave", "kim.nash@example.com"),
        ];
        foreach (var lead in leads)
        {
            await server.AddLeadAsync(new
            {
                listId, firstName = lead.First, lastName = lead.Last, phone = lead.Phone, address = lead.Address, city = "New York", state = "NY",
                gender = "F", email = lead.Email, comments = "prefers mornings", customFields = new { plan = "gold", renewal = "2027-01" },
            });
        }
        // The called party stays on the line until the agent hangs up; the wrap-up has a generous timeout.
        var campaignId = await server.CreateCampaignAsync("Preview desk", "Preview", [listId],
            new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.3, talkSeconds = 300 }, wrapUpTimeoutSeconds: 600);
        await server.StartCampaignAsync(campaignId);
        var password = await server.CreateAgentUserAsync("web-preview", "Pat Preview");

        await using var agent = await server.OpenAsync();
        var page = agent.Page;
        await agent.SignInAsync("web-preview", password);
        await Expect(page).ToHaveURLAsync(new Regex("/agent$"));
        // The desk offers the campaigns the agent is assigned to.
        await page.GetByLabel("Campaign", new() { Exact = true }).SelectOptionAsync(campaignId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in to campaign" }).ClickAsync();
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ready", Exact = true }).ClickAsync();

        string[] dispositions = ["Sale", "Not Interested", "Callback"];
        var seen = new HashSet<string>();
        for (var i = 0; i < leads.Length; i++)
        {
            var card = page.GetByTestId("preview-card");
            await Expect(card).ToBeVisibleAsync();
            var shown = (await card.Locator(".lead-name").InnerTextAsync()).Trim();
            Assert.True(seen.Add(shown), $"{shown} previewed twice");
            var lead = leads.Single(l => $"{l.First} {l.Last}" == shown);
            foreach (var field in new[] { lead.Phone, lead.Address, lead.Email, "New York", "prefers mornings", "gold", "2027-01", "America/New_York" })
                await Expect(card).ToContainTextAsync(field);
            await Expect(card).ToContainTextAsync("No earlier attempts");
            if (i == 0) await agent.ScreenshotAsync("agent-preview");

            await card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Dial ") }).ClickAsync();
            await Expect(page.GetByTestId("call-state")).ToHaveTextAsync("Connected");
            await Expect(page.GetByTestId("live-call")).ToContainTextAsync(lead.Phone);
            await Expect(page.GetByTestId("live-call")).ToContainTextAsync(Floor.CallerId);
            await Expect(page.GetByTestId("lead-profile")).ToContainTextAsync(shown);
            if (i == 0) await agent.ScreenshotAsync("agent-call");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();

            var form = page.GetByTestId("wrapup-form");
            await Expect(form).ToBeVisibleAsync();
            await Expect(form.GetByRole(AriaRole.Timer)).ToContainTextAsync("closes in");
            await form.GetByLabel(dispositions[i], new() { Exact = true }).CheckAsync();
            if (dispositions[i] == "Callback")
            {
                // The time is the lead's own (New York); the form says so.
                await Expect(form).ToContainTextAsync("America/New_York");
                var at = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture);
                await form.GetByLabel(new Regex("^Call back at")).FillAsync(at);
                await form.GetByLabel("Campaign (any agent)").CheckAsync();
            }
            await form.GetByLabel("Notes").FillAsync($"note {i + 1}");
            await form.GetByLabel(new Regex("^Tags")).FillAsync("web, preview");
            if (i == 0) await agent.ScreenshotAsync("agent-wrapup");
            await form.GetByRole(AriaRole.Button, new() { Name = "Submit wrap-up" }).ClickAsync();
            await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Ready");
        }

        await Expect(page.GetByTestId("calls-handled")).ToHaveTextAsync("3");
        await Expect(page.GetByText("Waiting for the next lead to preview")).ToBeVisibleAsync();
        var records = await server.GetAsync("/api/calls?state=completed&agentId=web-preview");
        Assert.Equal(dispositions.Order(), records.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("disposition").GetString()).Order());
    }

    [Fact]
    public async Task AutoCampaign_PopsTheLeadWhenConnected_AndTheWrapUpReturnsTheAgentToReady()
    {
        var listId = await server.CreateListAsync("Auto desk");
        await server.AddLeadAsync(new
        {
            listId, firstName = "Alma", lastName = "Reyes", phone = "+13125550140", address = "40 Lake St", city = "Chicago", state = "IL",
            email = "alma@example.com", comments = "asked about the family plan", customFields = new { plan = "silver" },
        });
        var campaignId = await server.CreateCampaignAsync("Auto desk", "Auto", [listId],
            new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 1.0, talkSeconds = 5.0 });
        var password = await server.CreateAgentUserAsync("web-auto", "Alex Auto");

        await using var agent = await server.OpenAsync();
        var page = agent.Page;
        await agent.SignInAsync("web-auto", password, "/agent");
        // The desk offers the campaigns the agent is assigned to.
        await page.GetByLabel("Campaign", new() { Exact = true }).SelectOptionAsync(campaignId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in to campaign" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ready", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Ready");
        await Expect(page.GetByText("Waiting for the dialer to connect a call")).ToBeVisibleAsync();

        await server.StartCampaignAsync(campaignId);
        var profile = page.GetByTestId("lead-profile");
        await Expect(profile).ToContainTextAsync("Alma Reyes");
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Connected");
        foreach (var field in new[] { "+13125550140", "40 Lake St", "Chicago", "alma@example.com", "asked about the family plan", "silver" })
            await Expect(profile).ToContainTextAsync(field);
        await Expect(page.GetByTestId("call-state")).ToHaveTextAsync("Connected");
        await agent.ScreenshotAsync("agent-auto-call");

        // The simulated party hangs up after its talk time: the wrap-up follows on its own.
        var form = page.GetByTestId("wrapup-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Wrap-up");
        await form.GetByLabel("Sale", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit wrap-up" }).ClickAsync();
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Ready");
        await Expect(page.GetByTestId("calls-handled")).ToHaveTextAsync("1");
        var self = await server.GetAsync("/api/agents/web-auto");
        Assert.Equal("Ready", self.GetProperty("status").GetString());
    }
}
