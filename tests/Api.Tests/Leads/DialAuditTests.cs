using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;
using static ContactCenter.Api.Tests.Leads.LeadApiClient;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>
/// The dial audit (issue 15): every attempt stores why it was allowed, read per lead
/// (<c>GET /api/leads/{id}/attempts</c>) and per campaign and day as CSV.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DialAuditTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    private async Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Http.PostAsJsonAsync(path, body ?? new { }), expected);

    /// <summary>An Auto campaign whose every call is busy, retried at once, two attempts at most; returns (campaign, lead).</summary>
    private async Task<(string CampaignId, long LeadId)> TwoBusyAttemptsAsync()
    {
        var listId = (await PostAsync("/api/lists", new { name = "Dial audit", defaultRegion = "US" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var campaign = await PostAsync("/api/campaigns", new
        {
            name = "Dial audit", dialerType = "Auto", callerId = "+12125550000",
            callingWindow = new { start = "00:00", end = "23:59" },
            retry = new { maxAttempts = 2, busyMinutes = 0 },
            simulation = new { answerRate = 0.0, busyRate = 1.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.05 },
        }, HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        await PostAsync($"/api/campaigns/{campaignId}/lists", new { listId });
        var leadId = (await PostAsync("/api/leads", new { listId, firstName = "Ada", phone = "+12127340155" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var agentId = (await PostAsync("/api/agents", new { name = "Audit agent" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await PostAsync($"/api/agents/{agentId}/login", new { campaignId });
        await PostAsync($"/api/agents/{agentId}/ready", null);
        await PostAsync($"/api/campaigns/{campaignId}/start", null);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode lead;
        do
        {
            await Task.Delay(100);
            lead = await ReadAsync(await Http.GetAsync($"/api/leads/{leadId}"), HttpStatusCode.OK);
        }
        while (lead["status"]!.GetValue<string>() != "Done" && DateTime.UtcNow < deadline);
        Assert.Equal("Done", lead["status"]!.GetValue<string>());
        Assert.Equal(2, lead["attempts"]!.GetValue<int>());
        return (campaignId, leadId);
    }

    [Fact]
    public async Task Attempts_StateTheGroundsOfEachDialAndItsOutcome()
    {
        var before = DateTimeOffset.UtcNow;
        var (campaignId, leadId) = await TwoBusyAttemptsAsync();

        var page = await ReadAsync(await Http.GetAsync($"/api/leads/{leadId}/attempts"), HttpStatusCode.OK);
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Null(page["next"]);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        for (var i = 0; i < 2; i++)
        {
            var a = items[i]!;
            Assert.Equal(campaignId, a["campaignId"]!.GetValue<string>());
            Assert.Equal(i + 1, a["attempt"]!.GetValue<int>());
            Assert.Equal(2, a["maxAttempts"]!.GetValue<int>());
            Assert.Equal("America/New_York", a["timeZone"]!.GetValue<string>());
            var dialedAt = a["dialedAt"]!.GetValue<DateTimeOffset>();
            Assert.InRange(dialedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
            // The lead's wall clock at the dial, in its own zone (not the server's).
            Assert.Equal(TimeZoneInfo.ConvertTime(dialedAt, newYork).DateTime, a["leadLocalTime"]!.GetValue<DateTime>(), TimeSpan.FromMilliseconds(1));
            Assert.Equal("00:00-23:59", a["callingWindow"]!.GetValue<string>());
            Assert.True(a["windowOpen"]!.GetValue<bool>());
            Assert.Equal(["global", "campaign"], a["dncChecked"]!.AsArray().Select(d => d!.GetValue<string>()));
            Assert.Equal("+12125550000", a["callerId"]!.GetValue<string>());
            Assert.Equal("the campaign's caller ID", a["callerIdReason"]!.GetValue<string>());
            Assert.StartsWith("at most 2 attempts; again after busy 0 min", a["retryRule"]!.GetValue<string>());
            Assert.Equal("Busy", a["outcome"]!.GetValue<string>());
        }
        // The first attempt had nothing before it; the second was allowed by the busy retry of the first.
        Assert.Null(items[0]!["previousOutcome"]);
        Assert.Equal("Busy", items[1]!["previousOutcome"]!.GetValue<string>());
        Assert.NotNull(items[1]!["callableSince"]);
        Assert.True(items[1]!["dialedAt"]!.GetValue<DateTimeOffset>() >= items[1]!["callableSince"]!.GetValue<DateTimeOffset>());

        var csv = await Http.GetAsync($"/api/campaigns/{campaignId}/dial-audit/export?day={DateTimeOffset.UtcNow:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("dialedAt,callId,campaignId,listId,leadId,attempt,", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains($",{leadId},", l));
        Assert.Contains(",true,global campaign,+12125550000,", lines[2]);

        // Another day of the same campaign holds none of them.
        var yesterday = await Http.GetAsync($"/api/campaigns/{campaignId}/dial-audit/export?day={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}");
        Assert.Single((await yesterday.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task LocalPresence_PresentsByAreaCodeThenRegion_CapFallsBackToTheCampaignNumber_AuditSaysWhy()
    {
        // Numbers of this run only: caps count every campaign's calls from a number, and the database outlives a run.
        var suffix = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string manhattan = $"+1212555{suffix}", california = $"+1310555{suffix}";
        var listId = (await PostAsync("/api/lists", new { name = "Local presence", defaultRegion = "US" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var campaign = await PostAsync("/api/campaigns", new
        {
            name = "Local presence", dialerType = "Auto", callerId = "+18005550100",
            callingWindow = new { start = "00:00", end = "23:59" },
            retry = new { maxAttempts = 1 },
            callerIdPool = new { dailyCap = 50, restHours = 0, numbers = new object[] { new { number = manhattan, region = "NY", dailyCap = 1 }, new { number = california, region = "CA" } } },
            simulation = new { answerRate = 0.0, busyRate = 1.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.05 },
        }, HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        Assert.Equal(2, campaign["definition"]!["callerIdPool"]!["numbers"]!.AsArray().Count);
        await PostAsync($"/api/campaigns/{campaignId}/lists", new { listId });
        async Task<long> LeadAsync(string phone, string state) =>
            (await PostAsync("/api/leads", new { listId, firstName = "Lp", phone, state }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var first212 = await LeadAsync("+12127340111", "NY");
        var second212 = await LeadAsync("+12127340112", "NY");
        var sanFrancisco = await LeadAsync("+14155550113", "CA");
        var boston = await LeadAsync("+16175550114", "MA");
        var agentId = (await PostAsync("/api/agents", new { name = "Presence agent" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await PostAsync($"/api/agents/{agentId}/login", new { campaignId });
        await PostAsync($"/api/agents/{agentId}/ready", null);
        await PostAsync($"/api/campaigns/{campaignId}/start", null);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string status;
        do
        {
            await Task.Delay(100);
            status = (await ReadAsync(await Http.GetAsync($"/api/campaigns/{campaignId}"), HttpStatusCode.OK))["status"]!.GetValue<string>();
        }
        while (status != "Completed" && DateTime.UtcNow < deadline);
        Assert.Equal("Completed", status);

        async Task<JsonNode> OnlyAttemptAsync(long leadId) =>
            Assert.Single((await ReadAsync(await Http.GetAsync($"/api/leads/{leadId}/attempts"), HttpStatusCode.OK))["items"]!.AsArray())!;
        var a = await OnlyAttemptAsync(first212);
        Assert.Equal(manhattan, a["callerId"]!.GetValue<string>());
        Assert.Equal("local presence: area code +1212 (call 1 of 1 today)", a["callerIdReason"]!.GetValue<string>());
        var b = await OnlyAttemptAsync(second212);
        Assert.Equal("+18005550100", b["callerId"]!.GetValue<string>());
        Assert.Equal("the pool's numbers for the lead are at their daily cap or resting: the campaign's caller ID", b["callerIdReason"]!.GetValue<string>());
        var c = await OnlyAttemptAsync(sanFrancisco);
        Assert.Equal(california, c["callerId"]!.GetValue<string>());
        Assert.StartsWith("local presence: region CA", c["callerIdReason"]!.GetValue<string>());
        var d = await OnlyAttemptAsync(boston);
        Assert.Equal("+18005550100", d["callerId"]!.GetValue<string>());
        Assert.Equal("no pool number for the lead's area code or region: the campaign's caller ID", d["callerIdReason"]!.GetValue<string>());
        // The call itself presented it (its record says so), not only the audit.
        var record = await ReadAsync(await Http.GetAsync($"/api/calls/{a["callId"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.Equal(manhattan, record["callerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task LocalPresence_BadPoolIs400NamingTheField()
    {
        var bad = await Http.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Bad pool", dialerType = "Auto",
            callerIdPool = new { numbers = new object[] { new { number = "212555" } }, dailyCap = 0 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("callerIdPool.numbers[0].number", body);
        Assert.Contains("callerIdPool.dailyCap", body);
    }

    [Fact]
    public async Task BadDayIs400_UnknownLeadIs404_NewLeadHasNoAttempts()
    {
        var bad = await Http.GetAsync("/api/campaigns/any/dial-audit/export?day=03-12-2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"day\"", await bad.Content.ReadAsStringAsync());

        var missing = await Http.GetAsync("/api/leads/987654321/attempts");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        var listId = (await PostAsync("/api/lists", new { name = "Dial audit, none", defaultRegion = "US" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var leadId = (await PostAsync("/api/leads", new { listId, firstName = "Bo", phone = "+12127340166" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var none = await ReadAsync(await Http.GetAsync($"/api/leads/{leadId}/attempts"), HttpStatusCode.OK);
        Assert.Empty(none["items"]!.AsArray());
    }
}
