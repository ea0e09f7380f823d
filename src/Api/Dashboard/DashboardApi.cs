using ContactCenter.Api.Common;
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

    /// <param name="Unreadable">Campaigns left out because their grain could not be read (also in the X-Unreadable-Ids header).</param>
    public sealed record DialerDashboard(DateTimeOffset At, FloorTotals Totals, IReadOnlyList<CampaignLine> Campaigns, IReadOnlyList<UnreadableEntry> Unreadable);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/dashboard", GetAsync).WithTags("Dashboard").WithName("GetDialerDashboard")
            .WithSummary("Every campaign's status, lead totals, counters, calls in flight and agents by state, with the floor's totals: one request per dashboard refresh")
            .WithDescription("Campaigns whose grain cannot be read are left out of the lines and the totals and listed under 'unreadable' (id and detail) and in the X-Unreadable-Ids header.");
        return app;
    }

    public static async Task<Ok<DialerDashboard>> GetAsync(IGrainFactory grains, GrainFanOut fanOut, HttpResponse response, TimeProvider time, string? status)
    {
        CampaignStatus? only = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            Problem.Require(Problem.TryParseName(status, out CampaignStatus s), "status", $"Use one of: {Problem.NamesOf<CampaignStatus>()}.");
            only = s;
        }
        var dashboard = await BuildAsync(grains, fanOut, time, only);
        GrainFanOut.ReportUnreadable(response, dashboard.Unreadable);
        return TypedResults.Ok(dashboard);
    }

    /// <summary>The dashboard from the campaigns' grains (no database read): for the poll and for the live feed.</summary>
    public static async Task<DialerDashboard> BuildAsync(IGrainFactory grains, GrainFanOut fanOut, TimeProvider time, CampaignStatus? only = null)
    {
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
        // Each campaign answers from its own grain (stats interleave with its pacing), all at once.
        var lines = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), async id =>
        {
            var campaign = grains.GetGrain<ICampaignGrain>(id);
            var snapshot = await campaign.GetAsync();
            return new CampaignLine(id, snapshot.Definition.Name, snapshot.Definition.DialerType, await campaign.GetStatsAsync());
        });
        // An unreadable campaign's status is unknown, so it is reported whatever the status filter.
        var shown = lines.Items.Where(l => only is null || l.Stats.Status == only).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return Compose(time.GetUtcNow(), shown, lines.Unreadable);
    }

    /// <summary>The floor's totals over <paramref name="lines"/> (all campaigns, or those a supervisor may see).</summary>
    public static DialerDashboard Compose(DateTimeOffset at, IReadOnlyList<CampaignLine> lines, IReadOnlyList<UnreadableEntry> unreadable)
    {
        var byState = Enum.GetValues<AgentStatus>().Where(s => s != AgentStatus.Offline)
            .ToDictionary(s => s, s => lines.Sum(l => l.Stats.AgentsByState.GetValueOrDefault(s)));
        var totals = new FloorTotals(lines.Sum(l => l.Stats.CallsInFlight), byState.Values.Sum(), byState, lines.Sum(l => l.Stats.LeadsRemaining));
        return new DialerDashboard(at, totals, lines, unreadable);
    }
}
