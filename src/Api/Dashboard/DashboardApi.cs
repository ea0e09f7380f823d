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
            .WithDescription("Campaigns whose grain cannot be read are left out of the lines and the totals and listed under 'unreadable' (id and detail) and in the X-Unreadable-Ids header.")
            .ProducesInvalid().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
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
        var lines = await Readers.GetValue(grains, g => new FloorReader(g)).ReadAsync(fanOut);
        // An unreadable campaign's status is unknown, so it is reported whatever the status filter.
        var shown = lines.Items.Where(l => only is null || l.Stats.Status == only).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return Compose(time.GetUtcNow(), shown, lines.Unreadable);
    }

    // One reader per cluster client: a process may host several nodes (tests do), each with its own grains.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IGrainFactory, FloorReader> Readers = new();

    /// <summary>
    /// Reads every campaign's line from its grain, shared by the requests that arrive together.
    /// Benchmarked at 1,000 agents on 50 campaigns (benchmarks/README.md, "Dialer Dashboard"): a read is
    /// the directory plus a call per campaign, about 0.8 ms of CPU, and pollers at the same moment each
    /// paid it, so 8 or 32 pollers on 2 cores queued behind each other's identical reads.
    /// </summary>
    private sealed class FloorReader(IGrainFactory grains)
    {
        private readonly Lock gate = new();
        // A campaign's dialer type changes only while it is a Draft; learnt once it has left Draft.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DialerType> dialerTypes = new();
        private Task<FanOutResult<CampaignLine>>? current;
        private Task<FanOutResult<CampaignLine>>? next;

        /// <summary>
        /// A request joins the read that starts after it arrived, never one already under way (that
        /// one may have passed a campaign before this request's client changed it): while a read runs,
        /// the requests arriving share the one queued behind it.
        /// </summary>
        public Task<FanOutResult<CampaignLine>> ReadAsync(GrainFanOut fanOut)
        {
            lock (gate)
            {
                if (next is not null) return next;
                if (current is null || current.IsCompleted) return current = ReadLinesAsync(fanOut);
                next = current.ContinueWith(_ => Promote(fanOut), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
                return next;
            }
        }

        private Task<FanOutResult<CampaignLine>> Promote(GrainFanOut fanOut)
        {
            lock (gate)
            {
                current = next;
                next = null;
            }
            return ReadLinesAsync(fanOut);
        }

        private async Task<FanOutResult<CampaignLine>> ReadLinesAsync(GrainFanOut fanOut)
        {
            var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
            // Each campaign answers from its own grain (stats interleave with its pacing), all at once;
            // the name comes from the directory, which the campaign updates with every change of it.
            var byId = entries.ToDictionary(e => e.Id);
            var lines = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), async id =>
            {
                var campaign = grains.GetGrain<ICampaignGrain>(id);
                if (dialerTypes.TryGetValue(id, out var dialerType))
                {
                    var stats = await campaign.GetStatsAsync();
                    // A campaign never goes back to Draft: this one was deleted and created anew under the same id.
                    if (stats.Status != CampaignStatus.Draft) return new CampaignLine(id, byId[id].Name, dialerType, stats);
                    dialerTypes.TryRemove(id, out _);
                }
                var snapshot = await campaign.GetAsync();
                if (snapshot.Status != CampaignStatus.Draft) dialerTypes[id] = snapshot.Definition.DialerType;
                return new CampaignLine(id, snapshot.Definition.Name, snapshot.Definition.DialerType, await campaign.GetStatsAsync());
            });
            if (dialerTypes.Count > byId.Count)
                foreach (var gone in dialerTypes.Keys.Where(id => !byId.ContainsKey(id))) dialerTypes.TryRemove(gone, out _);
            return lines;
        }
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
