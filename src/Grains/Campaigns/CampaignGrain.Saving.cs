namespace ContactCenter.Grains.Campaigns;

// Saving the campaign's state: coalesced while it paces (a write per event would be thousands a second at
// volume), one write at a time always (two in flight would race on the storage etag).
public sealed partial class CampaignGrain
{
    private Task? writing;
    private bool dirty;

    /// <summary>
    /// Counters, agent states and live calls change with every call; while the pacing timer runs
    /// they are written by the next turn (at most once a second) instead of once per event.
    /// A crash loses at most that second of dashboard counters, never a lead or a call record.
    /// </summary>
    private Task SaveSoonAsync()
    {
        if (pacingTimer is null) return SaveAsync();
        pendingChanges = true;
        return Task.CompletedTask;
    }

    private async Task FlushIfDueAsync()
    {
        if (!pendingChanges || time.GetUtcNow() - lastFlush < TimeSpan.FromSeconds(1)) return;
        pendingChanges = false;
        lastFlush = time.GetUtcNow();
        await SaveAsync();
    }

    private bool pendingChanges;
    private DateTimeOffset lastFlush;

    /// <summary>
    /// Persists the state, one write at a time: interleaved calls (agents and calls reporting) and
    /// the pacing turn's parallel call set-ups all save, and two writes in flight would race on the etag.
    /// </summary>
    private async Task SaveAsync()
    {
        dirty = true;
        while (writing is not null) await writing;
        if (!dirty) return; // a write that started after our change has carried it
        dirty = false;
        writing = state.WriteStateAsync();
        try { await writing; }
        finally { writing = null; }
    }
}
