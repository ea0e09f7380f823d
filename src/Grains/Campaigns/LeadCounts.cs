using ContactCenter.Grains.Pacing;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// A campaign's lead totals for its stats. Counting reads every lead of the lists (~150 ms per million) and
/// dashboards poll about once a second, often several at a time: one count serves every poll for
/// <see cref="MaxAge"/>, and a change of lists or status counts afresh.
/// </summary>
public sealed class LeadCounts(HopperStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private Task<(long Total, long Remaining)>? counting;
    private DateTimeOffset countedAt;

    public Task<(long Total, long Remaining)> GetAsync(IReadOnlyList<long> listIds)
    {
        var now = time.GetUtcNow();
        if (counting is null || counting.IsFaulted || counting.IsCanceled || now - countedAt >= MaxAge)
        {
            counting = store.CountAsync(listIds);
            countedAt = now;
        }
        return counting;
    }

    /// <summary>The lists or the status changed: the next poll counts afresh.</summary>
    public void Reset() => counting = null;
}
