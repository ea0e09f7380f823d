using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// A Broadcast campaign on the Dialer Dashboard: calls per second achieved against asked, and in plain words
/// what holds it back, here its own cap on calls at once.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BroadcastWallboardTests(WebServer server)
{
    // A short script: the simulated caller's silence ends it at once, so the calls' ringing sets their length.
    private const string Script = """
        version: 1
        name: Wallboard pace check
        greeting: Hello, this is Ava from Acme.
        start: offer
        intents:
          - {name: no, examples: [no, no thanks, I am not interested], dtmf: "2"}
        dispositions: {not-interested: Not Interested, hangup: No Answer, no-response: No Answer}
        nodes:
          - {id: offer, kind: ask, prompt: Can we tell you about our offer?, branches: {no: goodbye}}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Goodbye.}
        """;

    [Fact]
    public async Task Wallboard_ShowsABroadcastCampaignsPace_AndThatItsConcurrencyCapHoldsItBack()
    {
        using var created = await server.Admin.PostAsync("/api/agent-scripts", new StringContent(Script, Encoding.UTF8, "application/yaml"));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var scriptId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var listId = await server.CreateListAsync("Broadcast pace leads");
        for (var i = 0; i < 30; i++)
            await server.AddLeadAsync(new { listId, firstName = $"Cast{i}", lastName = "Pace", phone = $"+1415555{3200 + i}", city = "San Francisco" });
        // 20 calls a second asked, 2 at once allowed, each ringing 5 s: the cap, not the rate, sets the pace.
        var campaignId = (await server.PostAsync("/api/campaigns", new
        {
            name = "Broadcast pace", dialerType = "Broadcast", callerId = Floor.CallerId, listIds = new[] { listId },
            agentScriptId = scriptId, maxCallsPerSecond = 20, maxConcurrentCalls = 2,
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation = new
            {
                answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 5.0, talkSeconds = 5.0,
                callerReplies = new[] { new[] { "(silence)" } },
            },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var password = await server.CreateSupervisorAsync("web-broadcast");

        await using var supervisor = await server.OpenAsync();
        var page = supervisor.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await supervisor.SignInAsync("web-broadcast", password);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        var row = page.Locator($"tr[data-campaign='{campaignId}']");
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Draft");
        // Not running: the asked rate, nothing achieved, nothing holding it back.
        await Expect(row.GetByTestId("broadcast-pace")).ToHaveTextAsync("0 / 20 calls per second");
        await Expect(row.GetByTestId("broadcast-limit")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Running");
        await Expect(row.GetByTestId("broadcast-limit")).ToHaveTextAsync("held back by: concurrency cap (2 calls at once)", new() { Timeout = 30_000 });
        await Expect(row.GetByTestId("broadcast-pace")).ToHaveTextAsync(new Regex(@"^(?!0 )[0-9.]+ / 20 calls per second$"));

        await row.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Stopped");
        await Expect(row.GetByTestId("broadcast-limit")).ToHaveCountAsync(0);
    }
}
