using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>The floor as GET /api/dashboard shows it at one moment: to check the set-up and to show the floor was live.</summary>
public sealed record FloorSample(long At, int Campaigns, int Running, int AgentsLoggedIn, int Ready, int OnCalls, int CallsInFlight, long Dialed, long LeadsRemaining)
{
    public static async Task<FloorSample> ReadAsync(HttpClient supervisor)
    {
        var dashboard = await FloorApi.GetAsync(supervisor, "/api/dashboard");
        var totals = dashboard["totals"]!;
        var byState = totals["agentsByState"]!.AsObject();
        int State(string name) => byState[name]?.GetValue<int>() ?? 0;
        var campaigns = dashboard["campaigns"]!.AsArray();
        return new FloorSample(
            Stopwatch.GetTimestamp(),
            campaigns.Count,
            campaigns.Count(c => c!["stats"]!["status"]!.GetValue<string>() == "Running"),
            totals["agentsLoggedIn"]!.GetValue<int>(),
            State("Ready"),
            State("Dialing") + State("Connected") + State("WrapUp"),
            totals["callsInFlight"]!.GetValue<int>(),
            campaigns.Sum(c => (long)c!["stats"]!["counters"]!["dialed"]!.GetValue<int>()),
            totals["leadsRemaining"]!.GetValue<long>());
    }

    /// <summary>Waits until no call is in flight and no agent is on one (at most <paramref name="limit"/>).</summary>
    public static async Task<FloorSample> WaitQuietAsync(HttpClient supervisor, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sample = await ReadAsync(supervisor);
            if ((sample.CallsInFlight == 0 && sample.OnCalls == 0) || clock.Elapsed > limit) return sample;
            await Task.Delay(500);
        }
    }

    public override string ToString() =>
        $"{Campaigns} campaigns ({Running} running), {AgentsLoggedIn} agents logged in ({Ready} Ready, {OnCalls} on calls), {CallsInFlight} calls in flight, {Dialed:N0} dialed, {LeadsRemaining:N0} leads remaining";
}
