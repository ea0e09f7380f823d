namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// What followed a failure: when the cluster noticed (the dead silo marked Dead in the membership
/// table) and when the first attempt begun after the failure started (its call record's created_at).
/// </summary>
public sealed record Recovery(DateTimeOffset FailedAt, DateTimeOffset? NoticedAt, DateTimeOffset? ResumedAt)
{
    public double? NoticedSeconds => NoticedAt is { } at ? (at - FailedAt).TotalSeconds : null;

    public double? ResumedSeconds => ResumedAt is { } at ? (at - FailedAt).TotalSeconds : null;

    /// <summary>Seconds from the notice (or from the failure when nothing was to be noticed) to the first new attempt.</summary>
    public double? ResumedAfterNoticeSeconds => ResumedAt is { } at ? (at - (NoticedAt ?? FailedAt)).TotalSeconds : null;

    /// <summary>
    /// Polls the database (only: an API call could activate the campaign and hide a missing
    /// self-resume) until the first attempt begun after <paramref name="after"/> has its record and,
    /// when a silo was killed, it is marked Dead; at most <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Recovery> WatchAsync(DatabaseProbe db, string campaignId, DateTimeOffset failedAt, DateTimeOffset after,
        string? clusterId, MembershipRow? killed, TimeSpan timeout)
    {
        DateTimeOffset? noticed = null, resumed = null;
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && (resumed is null || (killed is not null && noticed is null)))
        {
            try
            {
                if (killed is not null && noticed is null
                    && (await db.MembershipAsync(clusterId!)).Any(r => r.Port == killed.Port && r.Generation == killed.Generation && r.Status == MembershipRow.Dead))
                {
                    noticed = DateTimeOffset.UtcNow;
                }
                resumed ??= await db.FirstAttemptStartedAfterAsync(campaignId, after);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database may still be on its way back.
            }
            await Task.Delay(200);
        }
        return new Recovery(failedAt, noticed, resumed);
    }
}
