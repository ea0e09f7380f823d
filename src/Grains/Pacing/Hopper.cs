namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The leads a campaign has claimed and not yet dialed, in memory, and when to claim more. Claims
/// are a database round trip that reads past every due lead outside its calling hours, so with
/// nothing callable the next claim waits for the moment something may be (within bounds), and
/// lists found dry are left out of claims for a while.
/// </summary>
public sealed class Hopper(string campaignId, ILeadClaims claims, TimeProvider time)
{
    /// <summary>
    /// With nothing to dial, the next claim waits for the moment a lead becomes callable, but never
    /// less than this (leads held by another campaign's claim come back soon)...
    /// </summary>
    public static readonly TimeSpan IdleClaimMinWait = TimeSpan.FromSeconds(2);

    /// <summary>...nor more than this: leads imported, recycled or taken off a DNC list meanwhile are not seen here.</summary>
    public static readonly TimeSpan IdleClaimMaxWait = TimeSpan.FromSeconds(30);

    // Each lead with the moment it entered the queue (a personal callback waits for its agent from then).
    private readonly LinkedList<(HopperEntry Entry, DateTimeOffset Since)> queue = new();
    // Lists found with nothing callable, left out of claims until then (MarkQuietLists).
    private readonly Dictionary<long, DateTimeOffset> quietLists = new();
    private DateTimeOffset nextClaimAt;

    /// <summary>Leads the campaign holds elsewhere (previews on screen), so a stray sweep leaves them alone.</summary>
    public Func<IEnumerable<long>> HeldElsewhere { get; init; } = () => [];

    /// <summary>Reports each claim: leads taken and the time it took (metrics).</summary>
    public Action<int, TimeSpan>? Claimed { get; init; }

    /// <summary>Whether an agent is logged in to the campaign: its personal callbacks wait for it while it is.</summary>
    public Func<string, bool> AgentLoggedIn { get; init; } = _ => false;

    /// <summary>How long a personal callback waits for an agent who is not logged in before anyone may take it.</summary>
    public Func<TimeSpan> PersonalCallbackWait { get; init; } = () => TimeSpan.FromHours(1);

    public int Count => queue.Count;

    /// <summary>Leads any agent (or an agentless call) may take now: personal callbacks still waiting for their agent aside.</summary>
    public int Available => queue.Count(q => IsForAnyone(q.Entry, q.Since));

    /// <summary>When the next claim may run; default while one may run now.</summary>
    public DateTimeOffset NextClaimAt => nextClaimAt;

    /// <summary>When a lead may next become callable, as found when the hopper last ran dry; null while leads flow.</summary>
    public NextCallable? NextCallable { get; private set; }

    public IEnumerable<long> LeadIds => queue.Select(q => q.Entry.LeadId);

    /// <summary>Claims when the hopper holds fewer than <paramref name="needed"/> leads, up to <paramref name="target"/>.</summary>
    public async Task RefillAsync(ClaimRules rules, int needed, int target, bool callsInFlight)
    {
        var available = Available;
        if (available >= needed || time.GetUtcNow() < nextClaimAt) return;
        await ClaimAsync(rules, Math.Max(1, target - available), callsInFlight);
    }

    /// <summary>
    /// The next lead for an agent (null: a call for no agent in particular): its own personal callback first, else the
    /// first lead that is nobody's. A personal callback is its agent's alone while that agent is logged in; once the
    /// agent has been away for <see cref="PersonalCallbackWait"/> it becomes a campaign callback.
    /// </summary>
    public HopperEntry? Take(string? agentId = null)
    {
        var node = agentId is null ? null : Find(q => q.Entry.CallbackAgentId == agentId);
        node ??= Find(q => IsForAnyone(q.Entry, q.Since));
        if (node is null) return null;
        queue.Remove(node);
        return node.Value.Entry;
    }

    /// <summary>A lead taken but not dialed goes to the back of the queue.</summary>
    public void Return(HopperEntry entry) => queue.AddLast((entry, time.GetUtcNow()));

    private bool IsForAnyone(HopperEntry entry, DateTimeOffset since) =>
        entry.CallbackAgentId is not { } owner || (!AgentLoggedIn(owner) && time.GetUtcNow() - since >= PersonalCallbackWait());

    /// <summary>Takes out every lead of a list no longer dialed; returns their ids (to hand back).</summary>
    public List<long> DropList(long listId)
    {
        quietLists.Remove(listId);
        var dropped = new List<long>();
        for (var node = queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Entry.ListId == listId)
            {
                dropped.Add(node.Value.Entry.LeadId);
                queue.Remove(node);
            }
            node = next;
        }
        return dropped;
    }

    /// <summary>Forgets every lead (their claims are released in the database by the caller).</summary>
    public void Clear() => queue.Clear();

    /// <summary>The lists may hold other leads now (attached, changed, dialing started): claim from all of them at the next turn.</summary>
    public void ListsChanged()
    {
        nextClaimAt = default;
        quietLists.Clear();
    }

    /// <summary>
    /// A call's outcome or disposition may have made its lead callable again at once (a retry or
    /// callback with no delay), which the idle wait did not know of: claim again within
    /// <see cref="IdleClaimMinWait"/>, but not more often than that.
    /// </summary>
    public void ClaimSoon()
    {
        var soon = time.GetUtcNow() + IdleClaimMinWait;
        if (nextClaimAt > soon) nextClaimAt = soon;
    }

    /// <summary>
    /// Hands back leads the campaign claimed but holds nowhere (a claim's answer lost with the database
    /// connection after it committed); returns how many.
    /// </summary>
    public Task<int> ReleaseStraysAsync() => claims.ReleaseAllExceptAsync(campaignId, [.. LeadIds.Concat(HeldElsewhere())]);

    /// <summary>Claims up to <paramref name="batch"/> leads; with none callable, waits for when some may be.</summary>
    private async Task ClaimAsync(ClaimRules rules, int batch, bool callsInFlight)
    {
        var now = time.GetUtcNow();
        var lists = rules.ListIds.Where(id => !quietLists.TryGetValue(id, out var until) || until <= now).ToList();
        var started = time.GetTimestamp();
        var claimed = await claims.ClaimAsync(campaignId, lists, rules.Window, rules.MaxAttempts, batch, now);
        Claimed?.Invoke(claimed.Count, time.GetElapsedTime(started));
        foreach (var e in claimed) queue.AddLast((e, now));
        if (claimed.Count > 0)
        {
            NextCallable = null;
            MarkQuietLists(lists, claimed, batch, now);
        }
        else if (lists.Count < rules.ListIds.Count)
        {
            // The lists still giving ran dry: the next turn claims from every list again.
            quietLists.Clear();
        }
        else if (await ReleaseStraysAsync() == 0)
        {
            await WaitForCallableLeadsAsync(rules, callsInFlight);
        }
    }

    /// <summary>
    /// A list that gave no lead to a claim that took some had nothing callable, when the claim took
    /// fewer than it asked for or took leads of a list after it in priority (its own would have come
    /// first). A claim still reads such a list's due leads outside their hours one by one (a west
    /// coast list in the east's morning: 0.84 s per million), so it is left out of the claims for
    /// <see cref="IdleClaimMaxWait"/>; what becomes callable there meanwhile waits that long at most.
    /// </summary>
    private void MarkQuietLists(List<long> lists, IReadOnlyList<HopperEntry> claimed, int batch, DateTimeOffset now)
    {
        var giving = claimed.Select(e => e.ListId).ToHashSet();
        var lastGivingRank = lists.Select((id, rank) => giving.Contains(id) ? rank : -1).Max();
        for (var rank = 0; rank < lists.Count; rank++)
        {
            if (!giving.Contains(lists[rank]) && (claimed.Count < batch || rank < lastGivingRank))
                quietLists[lists[rank]] = now + IdleClaimMaxWait;
        }
    }

    /// <summary>
    /// Nothing callable now: the next claim waits until a lead may become callable (a retry or
    /// callback falls due, the window opens in a due lead's zone), within <see cref="IdleClaimMinWait"/>
    /// and <see cref="IdleClaimMaxWait"/>. A claim reads past every due lead outside its calling hours,
    /// a million of them in about a second, so a campaign left running overnight used to do that
    /// every two seconds.
    /// </summary>
    private async Task WaitForCallableLeadsAsync(ClaimRules rules, bool callsInFlight)
    {
        var now = time.GetUtcNow();
        if (callsInFlight)
        {
            // Their ends bring the next claim anyway (ClaimSoon); no need to read the lists for when.
            nextClaimAt = now + IdleClaimMinWait;
            return;
        }
        var next = await claims.FindNextCallableAsync(campaignId, rules.ListIds, rules.Window, rules.MaxAttempts, now);
        NextCallable = next;
        var wait = next is { } found ? found.At - now : IdleClaimMaxWait;
        nextClaimAt = now + (wait < IdleClaimMinWait ? IdleClaimMinWait : wait > IdleClaimMaxWait ? IdleClaimMaxWait : wait);
    }

    private LinkedListNode<(HopperEntry Entry, DateTimeOffset Since)>? Find(Func<(HopperEntry Entry, DateTimeOffset Since), bool> match)
    {
        for (var node = queue.First; node is not null; node = node.Next)
        {
            if (match(node.Value)) return node;
        }
        return null;
    }
}
