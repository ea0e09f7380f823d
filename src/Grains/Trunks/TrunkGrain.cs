using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Grains.Trunks;

/// <summary>
/// Counts the calls in flight on one trunk. The count lives in memory only: call slots are as short-lived as the calls,
/// and a slot whose release never arrives (its silo died) expires after <see cref="TrunkOptions.SlotLease"/>.
/// The grain stays active while it holds slots so the count is not lost to idle deactivation.
/// </summary>
public sealed partial class TrunkGrain(IOptions<TrunkOptions> options, TimeProvider time, ILogger<TrunkGrain> logger) : Grain, ITrunkGrain
{
    /// <summary>The trunk of campaigns that do not name one (the simulated carrier out of the box).</summary>
    public const string DefaultTrunk = "simulated";

    private readonly Dictionary<string, (string CampaignId, DateTimeOffset At)> slots = new(StringComparer.Ordinal);
    private int peak;

    private string Name => this.GetPrimaryKeyString();
    private int Capacity => options.Value.CapacityOf(Name);

    public Task<IReadOnlyList<string>> AcquireAsync(string campaignId, IReadOnlyList<string> callIds)
    {
        ArgumentNullException.ThrowIfNull(callIds);
        ExpireStaleSlots();
        var granted = new List<string>();
        var now = time.GetUtcNow();
        foreach (var callId in callIds)
        {
            if (slots.ContainsKey(callId)) { granted.Add(callId); continue; }
            if (slots.Count >= Capacity) break;
            slots[callId] = (campaignId, now);
            granted.Add(callId);
        }
        peak = Math.Max(peak, slots.Count);
        if (slots.Count > 0) DelayDeactivation(options.Value.SlotLease);
        return Task.FromResult<IReadOnlyList<string>>(granted);
    }

    public Task ReleaseAsync(IReadOnlyList<string> callIds)
    {
        foreach (var callId in callIds ?? []) slots.Remove(callId);
        return Task.CompletedTask;
    }

    public Task<TrunkUsage> GetUsageAsync()
    {
        ExpireStaleSlots();
        var byCampaign = slots.Values.GroupBy(s => s.CampaignId).ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(new TrunkUsage(Name, Capacity, slots.Count, byCampaign, peak));
    }

    private void ExpireStaleSlots()
    {
        var cutoff = time.GetUtcNow() - options.Value.SlotLease;
        foreach (var (callId, slot) in slots.Where(s => s.Value.At < cutoff).ToList())
        {
            slots.Remove(callId);
            LogSlotExpired(Name, callId, slot.CampaignId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trunk {Trunk}: slot of call {CallId} (campaign {CampaignId}) was never released; taken back")]
    private partial void LogSlotExpired(string trunk, string callId, string campaignId);
}
