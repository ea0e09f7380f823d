using System.Collections.Concurrent;
using Npgsql;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// Campaigns' recorded safe-harbor messages (<c>safe_harbor_audio</c>), 8 kHz µ-law. Calls read it when they are
/// abandoned; a silo keeps what it read for <see cref="CacheFor"/>, so a new recording is heard within that.
/// </summary>
public sealed class SafeHarborAudioStore(NpgsqlDataSource db, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (byte[]? MuLaw, DateTimeOffset ReadAt)> cache = new(StringComparer.Ordinal);

    public async Task SaveAsync(string campaignId, byte[] muLaw, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO safe_harbor_audio (campaign_id, mulaw, seconds, uploaded_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (campaign_id) DO UPDATE SET mulaw = excluded.mulaw, seconds = excluded.seconds, uploaded_at = now()
            """);
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = muLaw });
        cmd.Parameters.Add(new() { Value = muLaw.Length / 8000.0 });
        await cmd.ExecuteNonQueryAsync(ct);
        cache.TryRemove(campaignId, out _);
    }

    /// <summary>The stored recording, read now (not from the cache); null when the campaign has none.</summary>
    public async Task<byte[]?> ReadAsync(string campaignId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT mulaw FROM safe_harbor_audio WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaignId });
        var audio = await cmd.ExecuteScalarAsync(ct) as byte[];
        cache[campaignId] = (audio, time.GetUtcNow());
        return audio;
    }

    /// <summary>The recording as a call about to be abandoned needs it: from this silo's cache when fresh.</summary>
    public Task<byte[]?> GetAsync(string campaignId, CancellationToken ct = default) =>
        cache.TryGetValue(campaignId, out var hit) && time.GetUtcNow() - hit.ReadAt < CacheFor ? Task.FromResult(hit.MuLaw) : ReadAsync(campaignId, ct);

    public async Task<bool> DeleteAsync(string campaignId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM safe_harbor_audio WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaignId });
        var deleted = await cmd.ExecuteNonQueryAsync(ct) > 0;
        cache.TryRemove(campaignId, out _);
        return deleted;
    }
}
