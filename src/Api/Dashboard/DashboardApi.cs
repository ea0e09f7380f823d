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
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
        // Each campaign answers from its own grain (stats interleave with its pacing), all at once.
        var lines = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), async id =>
        {
            var campaign = grains.GetGrain<ICampaignGrain>(id);
            var snapshot = await campaign.GetAsync();
            return new CampaignLine(id, snapshot.Definition.Name, snapshot.Definition.DialerType, await campaign.GetStatsAsync());
        });
        // An unreadable campaign's status is unknown, so it is reported whatever the status filter.
        GrainFanOut.ReportUnreadable(response, lines.Unreadable);
        var shown = lines.Items.Where(l => only is null || l.Stats.Status == only).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var byState = Enum.GetValues<AgentStatus>().Where(s => s != AgentStatus.Offline)
            .ToDictionary(s => s, s => shown.Sum(l => l.Stats.AgentsByState.GetValueOrDefault(s)));
        var totals = new FloorTotals(shown.Sum(l => l.Stats.CallsInFlight), byState.Values.Sum(), byState, shown.Sum(l => l.Stats.LeadsRemaining));
        return TypedResults.Ok(new DialerDashboard(time.GetUtcNow(), totals, shown, lines.Unreadable));
    }
}
