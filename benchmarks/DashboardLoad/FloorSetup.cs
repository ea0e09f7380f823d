using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// Builds the floor through the public API, as an administrator would: a lead list per campaign
/// (CSV import), Auto campaigns on the simulated carrier, agents created, assigned, logged in, half Ready.
/// </summary>
public static class FloorSetup
{
    private const int Parallelism = 16;

    public static async Task<Floor> BuildAsync(HttpClient admin, DashboardSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var listIds = new long[settings.Campaigns];
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Campaigns), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) =>
            listIds[c] = await ImportListAsync(admin, c, settings.LeadsPerCampaign));
        Console.WriteLine($"{settings.Campaigns} lists of {settings.LeadsPerCampaign:N0} leads imported ({clock.Elapsed.TotalSeconds:F1} s)");

        var campaignIds = new string[settings.Campaigns];
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Campaigns), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) =>
        {
            var created = await FloorApi.PostAsync(admin, "/api/campaigns", new
            {
                name = $"Dashboard {c + 1:D2}",
                dialerType = "Auto",
                callerId = "+12125550000",
                listIds = new[] { listIds[c] },
                // Callable at any hour the benchmark may run.
                callingWindow = new { start = "00:00", end = "23:59" },
                retry = new { maxAttempts = 1 },
                // Agents cycle without a person: wrap-up ends by itself.
                wrapUpTimeoutSeconds = settings.WrapUpSeconds,
                simulation = new
                {
                    answerRate = 0.6, busyRate = 0.15, noAnswerRate = 0.15, voicemailRate = 0.1,
                    ringSeconds = settings.RingSeconds, talkSeconds = settings.TalkSeconds, seed = 42 + c,
                },
            });
            campaignIds[c] = created["id"]!.GetValue<string>();
        });

        // Agent i works campaign i / perCampaign; every other agent is Ready.
        var agents = Enumerable.Range(0, settings.Agents)
            .Select(i => new FloorAgent($"agent-{i:D4}", campaignIds[i / settings.AgentsPerCampaign], i % 2 == 0)).ToList();
        await ForEachAsync(agents, a => FloorApi.PostAsync(admin, "/api/agents", new { id = a.Id, name = "Agent " + a.Id[6..] }));
        await ForEachAsync(agents.GroupBy(a => a.CampaignId).ToList(), g =>
            FloorApi.PostAsync(admin, $"/api/campaigns/{g.Key}/agents", new { agentIds = g.Select(a => a.Id).ToList() }));
        await ForEachAsync(agents, a => FloorApi.PostAsync(admin, $"/api/agents/{a.Id}/login", new { campaignId = a.CampaignId }));
        await ForEachAsync(agents.Where(a => a.Ready).ToList(), a => FloorApi.PostAsync(admin, $"/api/agents/{a.Id}/ready"));
        Console.WriteLine($"{settings.Campaigns} campaigns, {settings.Agents} agents logged in ({agents.Count(a => a.Ready)} Ready) ({clock.Elapsed.TotalSeconds:F1} s)");
        return new Floor(campaignIds, agents, settings.Campaigns * settings.LeadsPerCampaign);
    }

    /// <summary>Every campaign through one action (start, pause, resume, stop).</summary>
    public static Task ChangeCampaignsAsync(HttpClient admin, Floor floor, string action) =>
        ForEachAsync(floor.CampaignIds, id => FloorApi.PostAsync(admin, $"/api/campaigns/{id}/{action}"));

    /// <summary>Creates list <paramref name="index"/> and imports its leads as a CSV upload; waits for the import to complete.</summary>
    private static async Task<long> ImportListAsync(HttpClient admin, int index, int leads)
    {
        var list = await FloorApi.PostAsync(admin, "/api/lists", new { name = $"Dashboard list {index + 1:D2}" });
        var listId = list["id"]!.GetValue<long>();
        var csv = new StringBuilder("First Name,Last Name,Phone\n");
        for (var i = 0; i < leads; i++)
        {
            // Distinct valid New York numbers across all lists: (212) 201-0000 upward.
            var n = (long)index * leads + i;
            csv.Append(CultureInfo.InvariantCulture, $"Lead,{n},(212) {201 + n / 10_000:D3}-{n % 10_000:D4}\n");
        }
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"list-{index + 1:D2}.csv");
        var import = await FloorApi.SendAsync(admin, new HttpRequestMessage(HttpMethod.Post, $"/api/lists/{listId}/imports") { Content = form });
        var importId = import["id"]!.GetValue<long>();
        while (true)
        {
            var status = await FloorApi.GetAsync(admin, $"/api/imports/{importId}");
            switch (status["status"]!.GetValue<string>())
            {
                case "Completed":
                    var imported = status["imported"]!.GetValue<long>();
                    if (imported != leads) throw new InvalidOperationException($"List {listId} imported {imported} of {leads} leads: {status.ToJsonString()}");
                    return listId;
                case "Failed" or "Cancelled":
                    throw new InvalidOperationException($"Import into list {listId} ended: {status.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await action(item));
}
