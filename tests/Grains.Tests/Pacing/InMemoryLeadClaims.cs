using ContactCenter.Grains.Pacing;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>Leads in memory for the pacing algorithms: what the PostgreSQL claim would hand out, minus SQL.</summary>
internal sealed class InMemoryLeadClaims : ILeadClaims
{
    private readonly List<(HopperEntry Lead, DateTimeOffset CallableAt)> pool = [];
    private readonly HashSet<long> claimed = [];

    public int Claims { get; private set; }
    public int NextCallableQueries { get; private set; }
    public List<long[]> StraySweeps { get; } = [];

    public void Add(long leadId, long listId = 1, DateTimeOffset callableAt = default, string? callbackAgentId = null) =>
        pool.Add((new HopperEntry(leadId, $"+1212555{leadId:D4}", callbackAgentId, listId), callableAt));

    public Task<IReadOnlyList<HopperEntry>> ClaimAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, int limit, DateTimeOffset now, CancellationToken ct = default)
    {
        Claims++;
        // Lists in priority order, as the SQL claim does.
        var taken = listIds.SelectMany(list => pool.Where(p => p.Lead.ListId == list && p.CallableAt <= now && !claimed.Contains(p.Lead.LeadId)))
            .Take(limit).Select(p => p.Lead).ToList();
        foreach (var lead in taken) claimed.Add(lead.LeadId);
        return Task.FromResult<IReadOnlyList<HopperEntry>>(taken);
    }

    public Task<NextCallable?> FindNextCallableAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, DateTimeOffset now, CancellationToken ct = default)
    {
        NextCallableQueries++;
        var next = pool.Where(p => listIds.Contains(p.Lead.ListId) && !claimed.Contains(p.Lead.LeadId)).Select(p => (DateTimeOffset?)p.CallableAt).Min();
        return Task.FromResult(next is { } at ? new NextCallable(at, "UTC", WaitsForCallingHours: false) : null);
    }

    public Task<int> ReleaseAllExceptAsync(string campaignId, long[] held, CancellationToken ct = default)
    {
        StraySweeps.Add(held);
        var strays = claimed.Where(id => !held.Contains(id)).ToList();
        foreach (var id in strays) claimed.Remove(id);
        return Task.FromResult(strays.Count);
    }

    /// <summary>A lead the campaign dialed is gone from the pool (as a final or dialing lead is to the claim).</summary>
    public void Dialed(long leadId) => pool.RemoveAll(p => p.Lead.LeadId == leadId);
}
