using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// A Predictive campaign set up with the editor (abandon target in percent, safe-harbor message), read
/// back from the API and the page, and its abandon rates on the Dialer Dashboard against its target.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PredictiveCampaignTests(WebServer server)
{
    private const string SafeHarbor = "This is Acme Insurance calling. Please call us back at +1 202 555 0100. To stop our calls, press 9.";

    [Fact]
    public async Task Editor_SavesPredictiveSettings_AndTheWallboardWeighsAbandonRatesAgainstTheTarget()
    {
        var listId = await server.CreateListAsync("Predictive leads");
        await server.AddLeadAsync(new { listId, firstName = "Pia", lastName = "Predict", phone = "+12025550188", city = "Washington" });
        // A neighbour on the wallboard without a target of its own: 3 % applies to it.
        var autoId = await server.CreateCampaignAsync("Predictive neighbour", "Auto", [listId],
            new { answerRate = 0.5, busyRate = 0.2, noAnswerRate = 0.3, voicemailRate = 0.0, ringSeconds = 1.0, talkSeconds = 5.0 });

        await using var admin = await server.OpenAsync();
        var page = admin.Page;
        await admin.SignInAsync("admin", WebServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));

        await page.GotoAsync("/manage/campaigns/new");
        var target = page.GetByLabel(new Regex("^Target abandon rate"));
        var safeHarbor = page.GetByLabel(new Regex("^Spoken to a person who answers"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Predictive campaign");
        // Preview has neither the pacing settings nor a safe-harbor message.
        await Expect(target).ToHaveCountAsync(0);
        await Expect(safeHarbor).ToHaveCountAsync(0);
        await Expect(page.Locator("#c-type option[value='Predictive']")).ToHaveTextAsync(new Regex("^Predictive: .*abandon"));
        await page.GetByLabel("Dialer").SelectOptionAsync("Predictive");
        await Expect(target).ToHaveValueAsync("3");
        await page.GetByLabel("Add a list").SelectOptionAsync(listId.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add list" }).ClickAsync();
        await page.GetByLabel(new Regex("^Evaluation window")).FillAsync("20");
        await page.GetByLabel(new Regex("^Calls per available agent")).FillAsync("2.5");
        await page.GetByLabel(new Regex("^Agents needed to dial ahead")).FillAsync("4");
        await page.GetByLabel(new Regex("^Warm-up attempts")).FillAsync("50");
        await safeHarbor.FillAsync(SafeHarbor);

        // 60 % is past the API's limit (a fraction of at most 0.5): its message shows at the field.
        await target.FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        var targetField = page.Locator(".field").Filter(new() { Has = page.Locator("#p-target") });
        await Expect(targetField.Locator(".field-error")).ToContainTextAsync("0.5");
        await Expect(target).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new Regex("/manage/campaigns/new$"));

        await target.FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/campaigns/[0-9a-f]{12}$"));
        var campaignId = page.Url[^12..];
        var definition = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition");
        Assert.Equal("Predictive", definition.GetProperty("dialerType").GetString());
        var predictive = definition.GetProperty("predictive");
        Assert.Equal(0.02, predictive.GetProperty("targetAbandonRate").GetDouble(), 9);
        Assert.Equal(20, predictive.GetProperty("evaluationWindowMinutes").GetInt32());
        Assert.Equal(2.5, predictive.GetProperty("maxRatio").GetDouble(), 9);
        Assert.Equal(4, predictive.GetProperty("minAgents").GetInt32());
        Assert.Equal(50, predictive.GetProperty("warmUpAttempts").GetInt32());
        Assert.Equal(SafeHarbor, definition.GetProperty("safeHarborMessage").GetString());

        // Reopened, the page shows what was stored, the target in percent again.
        await page.ReloadAsync();
        await Expect(target).ToHaveValueAsync("2");
        await Expect(page.GetByLabel(new Regex("^Evaluation window"))).ToHaveValueAsync("20");
        await Expect(page.GetByLabel(new Regex("^Calls per available agent"))).ToHaveValueAsync("2.5");
        await Expect(page.GetByLabel(new Regex("^Agents needed to dial ahead"))).ToHaveValueAsync("4");
        await Expect(page.GetByLabel(new Regex("^Warm-up attempts"))).ToHaveValueAsync("50");
        await Expect(safeHarbor).ToHaveValueAsync(SafeHarbor);
        await Expect(page.GetByTestId("abandon-today")).ToContainTextAsync("0.0 %");
        await Expect(page.GetByTestId("abandon-today")).ToContainTextAsync("target 2 %");

        // Saved again with a target that is no whole percent: the fraction stays exact both ways.
        await target.FillAsync("2.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Expect(page.GetByText("Campaign saved.")).ToBeVisibleAsync();
        definition = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition");
        Assert.Equal(0.025, definition.GetProperty("predictive").GetProperty("targetAbandonRate").GetDouble(), 9);
        Assert.Equal(SafeHarbor, definition.GetProperty("safeHarborMessage").GetString());
        await page.ReloadAsync();
        await Expect(target).ToHaveValueAsync("2.5");

        // The wallboard: abandoned count and both rates per campaign, the target learnt from the definition.
        await page.GotoAsync("/dashboard");
        var table = page.GetByTestId("campaign-table");
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Abandon % today" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Abandon % 30 days" })).ToBeVisibleAsync();
        var row = page.Locator($"tr[data-campaign='{campaignId}']");
        var neighbour = page.Locator($"tr[data-campaign='{autoId}']");
        await Expect(row.GetByTestId("abandoned")).ToHaveTextAsync("0");
        await Expect(row.GetByTestId("abandon-today")).ToHaveTextAsync("0.0 %");
        await Expect(row.GetByTestId("abandon-30-days")).ToHaveTextAsync("0.0 %");
        await Expect(row.GetByTestId("abandon-target")).ToHaveTextAsync("target 2.5 %");

        // Rates that no Draft can have yet, put into the dashboard's answer: each is weighed against its own campaign's target.
        var rates = new Dictionary<string, (double Today, double Last30Days)> { [campaignId] = (0.026, 0.02), [autoId] = (0.026, 0.031) };
        // Polled, not pushed: the live stream is refused, as when it is not deployed.
        await page.RouteAsync("**/api/events", route => route.FulfillAsync(new() { Status = 404 }));
        await page.RouteAsync("**/api/dashboard", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonNode.Parse(await response.TextAsync())!;
            foreach (var line in body["campaigns"]!.AsArray())
            {
                if (!rates.TryGetValue((string)line!["id"]!, out var rate)) continue;
                line["stats"]!["abandonRate"] = new JsonObject { ["today"] = rate.Today, ["last30Days"] = rate.Last30Days };
                line["stats"]!["counters"]!["abandoned"] = 13;
            }
            await route.FulfillAsync(new() { Response = response, Body = body.ToJsonString() });
        });
        await page.ReloadAsync();
        var over = new Regex(@"\bover\b");
        await Expect(row.GetByTestId("abandoned")).ToHaveTextAsync("13");
        await Expect(row.GetByTestId("abandon-today")).ToContainTextAsync("2.6 %");
        await Expect(row.GetByTestId("abandon-today")).ToHaveClassAsync(over);
        await Expect(row.GetByTestId("abandon-today")).ToContainTextAsync("above the 2.5 % target");
        await Expect(row.GetByTestId("abandon-30-days")).ToHaveTextAsync("2.0 %");
        await Expect(row.GetByTestId("abandon-30-days")).Not.ToHaveClassAsync(over);
        await Expect(neighbour.GetByTestId("abandon-today")).ToHaveTextAsync("2.6 %");
        await Expect(neighbour.GetByTestId("abandon-today")).Not.ToHaveClassAsync(over);
        await Expect(neighbour.GetByTestId("abandon-30-days")).ToContainTextAsync("3.1 %");
        await Expect(neighbour.GetByTestId("abandon-30-days")).ToHaveClassAsync(over);
        await Expect(neighbour.GetByTestId("abandon-30-days")).ToContainTextAsync("above the 3 % target");
    }
}
