namespace ContactCenter.Grains.Pacing;

/// <summary>
/// Where a <see cref="Hopper"/> gets its leads: the claim in PostgreSQL (<see cref="HopperStore"/>),
/// or a test's own list, so the refill rules run without a database.
/// </summary>
public interface ILeadClaims
{
    /// <summary>Marks up to <paramref name="limit"/> callable leads of the lists as held by the campaign and returns them.</summary>
    Task<IReadOnlyList<HopperEntry>> ClaimAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, int limit, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>When a lead of the lists may next become callable (a retry or callback falls due, a window opens); null when none will.</summary>
    Task<NextCallable?> FindNextCallableAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Hands back every lead the campaign holds except <paramref name="held"/>; returns how many.</summary>
    Task<int> ReleaseAllExceptAsync(string campaignId, long[] held, CancellationToken ct = default);
}
