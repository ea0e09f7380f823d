using System.Diagnostics;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// Sets the floor up through the API, then measures it twice: idle (every campaign paused, no call
/// in flight) and running (every campaign dialing for its Ready agents on the simulated carrier).
/// </summary>
public static class DashboardRun
{
    private static readonly TimeSpan RunningWarmUp = TimeSpan.FromSeconds(10);

    public static async Task<DashboardReport> ExecuteAsync(DashboardSettings settings)
    {
        var started = DateTimeOffset.UtcNow;
        await using var node = await ApiNode.StartAsync();
        using var admin = node.Client(await node.IssueKeyAsync("admin"));
        var supervisorKey = await node.IssueKeyAsync("supervisor");
        using var supervisor = node.Client(supervisorKey);
        var floor = await FloorSetup.BuildAsync(admin, settings);
        var polls = new List<PollFigures>();
        var live = new List<LiveFigures>();
        var cadence = new List<CadenceFigures>();
        var reasons = new Dictionary<string, string>();

        // Idle floor: started (so every campaign has run its pacing once) and paused at once; the
        // calls placed meanwhile finish before anything is measured.
        await FloorSetup.ChangeCampaignsAsync(admin, floor, "start");
        await FloorSetup.ChangeCampaignsAsync(admin, floor, "pause");
        var idle = await FloorSample.WaitQuietAsync(supervisor, TimeSpan.FromSeconds(60));
        Console.WriteLine("Idle floor: " + idle);
        if (idle.Campaigns != settings.Campaigns || idle.AgentsLoggedIn != settings.Agents)
            throw new InvalidOperationException($"The dashboard shows {idle.Campaigns} campaigns and {idle.AgentsLoggedIn} agents; expected {settings.Campaigns} and {settings.Agents}.");
        await Task.Delay(TableReads.FlushWait);
        var readsBefore = await TableReads.ReadAsync(node.ConnectionString);
        var idleClock = Stopwatch.StartNew();
        var idleRequests = await MeasurePollsAsync(supervisor, "idle", settings, node, polls);
        var idleSeconds = idleClock.Elapsed.TotalSeconds;
        await Task.Delay(TableReads.FlushWait);
        var idleReads = TableReads.Between(readsBefore, await TableReads.ReadAsync(node.ConnectionString));
        var costs = await CostBreakdown.MeasureAsync(node, supervisor, "idle", settings.BreakdownRepeats);
        await using (var feed = await LiveFeed.ConnectAsync(node, supervisorKey))
        {
            live.Add(await LiveProbe.ReadyPauseAsync(feed, admin, floor, settings.Changes, reasons));
        }

        // Running floor.
        await FloorSetup.ChangeCampaignsAsync(admin, floor, "resume");
        await Task.Delay(RunningWarmUp);
        var runningStart = await FloorSample.ReadAsync(supervisor);
        Console.WriteLine("Running floor: " + runningStart);
        await MeasurePollsAsync(supervisor, "running", settings, node, polls);
        var runningEnd = await FloorSample.ReadAsync(supervisor);
        Console.WriteLine("Running floor after the polls: " + runningEnd);
        costs.AddRange(await CostBreakdown.MeasureAsync(node, supervisor, "running", settings.BreakdownRepeats));
        await using (var feed = await LiveFeed.ConnectAsync(node, supervisorKey))
        {
            // The first event is the dashboard as it is at connection; the cadence starts after it.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var quietFrom = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(settings.CadenceSeconds));
            var quietTo = Stopwatch.GetTimestamp();
            cadence.Add(CadenceFigures.From("running floor, no polls", quietFrom, quietTo, feed.DashboardStampsSince(quietFrom)));
            live.Add(await LiveProbe.PauseReasonAsync(feed, admin, floor, settings.Changes, reasons));
            var probeTo = Stopwatch.GetTimestamp();
            cadence.Add(CadenceFigures.From("running floor, during the agent probe", quietTo, probeTo, feed.DashboardStampsSince(quietTo)));
        }
        var finished = await FloorSample.ReadAsync(supervisor);
        await FloorSetup.ChangeCampaignsAsync(admin, floor, "stop");
        // Live calls finish on their own; shutting the silo down under them only fills the log.
        await FloorSample.WaitQuietAsync(supervisor, TimeSpan.FromSeconds(30));

        return new DashboardReport(settings, started, floor, idle, runningStart, runningEnd, finished, polls, idleRequests, idleSeconds, idleReads, costs, live, cadence);
    }

    /// <summary>A warm-up, then one series per concurrency; returns the requests sent, warm-up included.</summary>
    private static async Task<int> MeasurePollsAsync(HttpClient supervisor, string floorName, DashboardSettings settings, ApiNode node, List<PollFigures> polls)
    {
        var warmUp = await DashboardPoll.MeasureAsync(supervisor, floorName, settings.Concurrency.Max(), settings.WarmUpRequests, node.PostgresRoot);
        Console.WriteLine($"{floorName}: warm-up {warmUp.Requests} requests, p99 {warmUp.P99Ms:F1} ms");
        var total = 0;
        foreach (var concurrency in settings.Concurrency)
        {
            var figures = await DashboardPoll.MeasureAsync(supervisor, floorName, concurrency, settings.Requests, node.PostgresRoot);
            Console.WriteLine($"{floorName}: concurrency {concurrency}: p50 {figures.P50Ms:F1} / p99 {figures.P99Ms:F1} ms, {figures.RequestsPerSecond:F0} req/s, {figures.Failures} failed");
            polls.Add(figures);
            total += figures.Requests;
        }
        return total + warmUp.Requests;
    }
}
