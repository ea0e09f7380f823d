using ContactCenter.Api.Problems;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Dashboard;

/// <summary>The dialer dashboard's one poll: every campaign's live figures and the floor's totals.</summary>
public static class DashboardApi
{
    public sealed record CampaignLine(string Id, string Name, DialerType DialerType, CampaignStats Stats);

    public sealed record FloorTotals(int CallsInFlight, int AgentsLoggedIn, IReadOnlyDictionary<AgentStatus, int> AgentsByState, long LeadsRemaining);

    public sealed record DialerDashboard(DateTimeOffset At, FloorTotals Totals, IReadOnlyList<CampaignLine> Campaigns);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/dashboard", GetAsync).WithTags("Dashboard").WithName("GetDialerDashboard")
            .WithSummary("Every campaign's status, lead totals, counters, calls in flight and agents by state, with the floor's totals: one request per dashboard refresh");
        return app;
    }

    public static async Task<Ok<DialerDashboard>> GetAsync(IGrainFactory grains, TimeProvider time, string? status)
    {
        CampaignStatus? only = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            Problem.Require(Problem.TryParseName(status, out CampaignStatus s), "status", $"Use one of: {Problem.NamesOf<CampaignStatus>()}.");
            only = s;
        }
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync();
        // Each campaign answers from its own grain (stats interleave with its pacing), all at once.
        var lines = await Task.WhenAll(entries.Select(async e =>
        {
            var campaign = grains.GetGrain<ICampaignGrain>(e.Id);
            var snapshot = await campaign.GetAsync();
            return new CampaignLine(e.Id, snapshot.Definition.Name, snapshot.Definition.DialerType, await campaign.GetStatsAsync());
        }));
        var shown = lines.Where(l => only is null || l.Stats.Status == only).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var byState = Enum.GetValues<AgentStatus>().Where(s => s != AgentStatus.Offline)
            .ToDictionary(s => s, s => shown.Sum(l => l.Stats.AgentsByState.GetValueOrDefault(s)));
        var totals = new FloorTotals(shown.Sum(l => l.Stats.CallsInFlight), byState.Values.Sum(), byState, shown.Sum(l => l.Stats.LeadsRemaining));
        return TypedResults.Ok(new DialerDashboard(time.GetUtcNow(), totals, shown));
    }
}
