namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Preview dialer: each Ready agent is shown the next lead and decides to dial or skip it. The
/// pacer never places a call itself; it keeps the offers on screen, takes them back from agents who
/// left Ready or let the preview time out, and offers leads to Ready agents who have none.
/// </summary>
public sealed class PreviewPacer(Hopper hopper, TimeProvider time, Func<TimeSpan> previewTimeout) : IPacer
{
    private readonly Dictionary<string, PreviewOffer> offers = new(StringComparer.Ordinal);

    /// <summary>Leads on agents' screens (held by the campaign though out of the hopper).</summary>
    public IEnumerable<long> LeadIds => offers.Values.Select(o => o.Lead.LeadId);

    public int Count => offers.Count;

    /// <summary>Reports an offer withdrawn because its agent let the timeout pass while Ready.</summary>
    public Action<string, long>? Expired { get; init; }

    public async Task<int> PlanAsync(PacingFloor floor)
    {
        var now = time.GetUtcNow();
        var timeout = previewTimeout();
        var ready = floor.ReadyAgents.ToHashSet(StringComparer.Ordinal);
        foreach (var (agentId, offer) in offers.ToList())
        {
            var stillReady = ready.Contains(agentId);
            if (stillReady && now - offer.OfferedAt <= timeout) continue;
            offers.Remove(agentId);
            hopper.Return(offer.Lead);
            if (stillReady) Expired?.Invoke(agentId, offer.Lead.LeadId);
        }
        foreach (var agentId in floor.ReadyAgents.Where(a => !offers.ContainsKey(a)))
        {
            await hopper.RefillAsync(floor.Rules, 1, 10, floor.CallsInFlight > 0);
            if (hopper.Take(agentId) is not { } lead) break;
            offers[agentId] = new PreviewOffer(lead, now);
        }
        return 0;
    }

    /// <summary>The lead on an agent's screen, if any.</summary>
    public HopperEntry? OfferOf(string agentId) => offers.TryGetValue(agentId, out var o) ? o.Lead : null;

    /// <summary>The agent dials its lead: the offer leaves the screen and the lead is the caller's to dial.</summary>
    public HopperEntry? Accept(string agentId) => offers.Remove(agentId, out var o) ? o.Lead : null;

    /// <summary>The agent skips its lead, which goes to the back of the queue (others may still get it).</summary>
    public HopperEntry? Skip(string agentId)
    {
        if (!offers.Remove(agentId, out var o)) return null;
        hopper.Return(o.Lead);
        return o.Lead;
    }

    public void Placed(int calls)
    {
    }

    public void Reset() => offers.Clear();
}
