using ContactCenter.Grains.Agents;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// When each agent of a campaign entered its current state, in memory: the agent free longest takes the next
/// predictive call (waits even out across the floor), and a busy spell (connected, then wrap-up) that ends is a
/// handle time for the pacing statistics. A new activation starts without history, as the statistics do.
/// </summary>
public sealed class AgentTimes(TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> since = new(StringComparer.Ordinal);

    /// <summary>An agent moved from <paramref name="from"/> to <paramref name="to"/>; returns the busy spell it ended, if any.</summary>
    public TimeSpan? Changed(string agentId, AgentStatus? from, AgentStatus to)
    {
        var now = time.GetUtcNow();
        TimeSpan? handled = IsBusy(from) && !IsBusy(to) && since.TryGetValue(agentId, out var busySince) ? now - busySince : null;
        // Wrap-up continues the connected call's busy spell.
        if (to != from && !(to == AgentStatus.WrapUp && from == AgentStatus.Connected)) since[agentId] = now;
        if (to == AgentStatus.Offline) since.Remove(agentId);
        return handled;
    }

    /// <summary>The agents in the order they became free, longest first.</summary>
    public IEnumerable<string> LongestFirst(IEnumerable<string> agents) => agents.OrderBy(a => since.GetValueOrDefault(a));

    private static bool IsBusy(AgentStatus? status) => status is AgentStatus.Connected or AgentStatus.WrapUp;
}
