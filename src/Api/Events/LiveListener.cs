using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Threading.Channels;
using ContactCenter.Api.Accounts;
using ContactCenter.Grains.Agents;

namespace ContactCenter.Api.Events;

/// <summary>
/// One page connected to GET /api/events, and what it may hear: an agent its own changes, a
/// supervisor or admin the dashboard and the agents of the campaigns it may see. A page that
/// reads too slowly loses its oldest events, never the node's memory.
/// </summary>
public sealed class LiveListener
{
    private readonly Channel<SseItem<string>> events = Channel.CreateBounded<SseItem<string>>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public LiveListener(ClaimsPrincipal user)
    {
        Role = user.RoleOf() ?? "";
        AgentId = user.AgentIdOf();
        Scope = user.CampaignScopeOf();
    }

    public string Role { get; }
    public string? AgentId { get; }
    public IReadOnlyCollection<string> Scope { get; }
    public bool SeesDashboard => Role is Roles.Admin or Roles.Supervisor;

    /// <summary>The last dashboard sent, to send again only what changed.</summary>
    public string? LastDashboard { get; set; }

    public ChannelReader<SseItem<string>> Reader => events.Reader;

    public bool MaySee(AgentSnapshot agent) => Role switch
    {
        Roles.Agent => agent.Id == AgentId,
        Roles.Admin or Roles.Supervisor => Scope.Count == 0 || agent.CampaignId is null || Scope.Contains(agent.CampaignId),
        _ => false,
    };

    public bool MaySeeCampaign(string campaignId) => Scope.Count == 0 || Scope.Contains(campaignId);

    public void Send(string eventType, string json) => events.Writer.TryWrite(new SseItem<string>(json, eventType));

    public void Close() => events.Writer.TryComplete();
}
