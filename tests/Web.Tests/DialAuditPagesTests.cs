using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The dial audit in the pages: an Auto call on the simulated carrier presents a local-presence number, the
/// lead detail page lists the attempt with why it was allowed, and the campaign page links the day's CSV.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DialAuditPagesTests(WebServer server)
{
    private const string PoolNumber = "+14155550177";

    [Fact]
    public async Task LeadDetail_ListsTheAttemptWithItsCallerIdReason_AndTheCampaignLinksTheDaysAuditCsv()
    {
        var listId = await server.CreateListAsync("Audit leads");
        var leadId = await server.AddLeadAsync(new { listId, firstName = "Aud", lastName = "It", phone = "+14155553101", city = "San Francisco", state = "CA" });
        // Callable around the clock, a pool number with the lead's area code, and a one-second wrap-up timeout so the agent needs no hands.
        var campaignId = (await server.PostAsync("/api/campaigns", new
        {
            name = "Audit run", dialerType = "Auto", callerId = Floor.CallerId, listIds = new[] { listId }, wrapUpTimeoutSeconds = 1,
            callingWindow = new { start = "00:00", end = "23:59" },
            callerIdPool = new { numbers = new[] { new { number = PoolNumber, region = "CA", dailyCap = 50 } }, dailyCap = 200, restHours = 24 },
            simulation = new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.3, talkSeconds = 1.0 },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await server.PostAsync("/api/agents", new { id = "audit-1", name = "Agent Audit" }, HttpStatusCode.Created);
        await server.PostAsync("/api/agents/audit-1/login", new { campaignId });
        await server.PostAsync("/api/agents/audit-1/ready");
        await server.StartCampaignAsync(campaignId);

        var attempt = await FinishedAttemptAsync(leadId);
        await server.PostAsync($"/api/campaigns/{campaignId}/stop");
        var callId = attempt.GetProperty("callId").GetString()!;
        Assert.Equal(PoolNumber, attempt.GetProperty("callerId").GetString());
        var reason = attempt.GetProperty("callerIdReason").GetString()!;
        Assert.StartsWith("local presence: area code +1415", reason);

        await using var admin = await server.OpenAsync();
        var page = admin.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.SignInAsync("admin", WebServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));

        await page.GotoAsync($"/manage/leads/{leadId}");
        var section = page.Locator("section[aria-labelledby='attempts-title']");
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Dial attempts" })).ToBeVisibleAsync();
        var row = section.Locator($"tr[data-call='{callId}']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("attempt")).ToContainTextAsync($"1 of {attempt.GetProperty("maxAttempts").GetInt32()}");
        await Expect(row.GetByTestId("local-time")).ToContainTextAsync(attempt.GetProperty("timeZone").GetString()!);
        await Expect(row.GetByTestId("local-time")).ToContainTextAsync("window 00:00-23:59: open");
        await Expect(row.GetByTestId("local-time")).ToContainTextAsync(attempt.GetProperty("leadLocalTime").GetString()![..16].Replace('T', ' '));
        await Expect(row.GetByTestId("dnc-checked")).ToContainTextAsync("global");
        await Expect(row.GetByTestId("caller-id")).ToContainTextAsync(PoolNumber);
        await Expect(row.GetByTestId("caller-id")).ToContainTextAsync(reason);
        await Expect(row.GetByTestId("outcome")).ToContainTextAsync(attempt.GetProperty("outcome").GetString()!);

        // The campaign page links the chosen UTC day's audit, and the link answers the CSV with its row.
        await page.GotoAsync($"/manage/campaigns/{campaignId}");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Dial audit (CSV)" });
        var day = page.GetByLabel(new Regex("^Dial audit day"));
        await day.FillAsync("2026-01-02");
        await Expect(link).ToHaveAttributeAsync("href", $"/api/campaigns/{campaignId}/dial-audit/export?day=2026-01-02");
        var dialedDay = attempt.GetProperty("dialedAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await day.FillAsync(dialedDay);
        var href = $"/api/campaigns/{campaignId}/dial-audit/export?day={dialedDay}";
        await Expect(link).ToHaveAttributeAsync("href", href);

        // Fetched with the page's own session, as a click would download it.
        var response = await page.APIRequest.GetAsync(href);
        Assert.Equal(200, response.Status);
        var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("dialedAt,callId", lines[0]);
        Assert.Contains(lines.Skip(1), line => line.Contains(callId, StringComparison.Ordinal) && line.Contains(PoolNumber, StringComparison.Ordinal));
    }

    /// <summary>Waits until the lead's first attempt has its outcome from the call record.</summary>
    private async Task<JsonElement> FinishedAttemptAsync(long leadId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var items = (await server.GetAsync($"/api/leads/{leadId}/attempts")).GetProperty("items");
            if (items.GetArrayLength() > 0 && items[0].TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String)
                return items[0];
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("The lead's attempt never finished: " + items);
            await Task.Delay(250);
        }
    }
}
