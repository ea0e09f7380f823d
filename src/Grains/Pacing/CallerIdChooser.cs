namespace ContactCenter.Grains.Pacing;

/// <summary>
/// Picks each call's caller ID from a campaign's local-presence pool (<see cref="LocalPresence"/> orders the
/// numbers, <see cref="CallerIdStore"/> takes the call from the first one whose cap and rest allow it) and
/// says why. Belongs to one campaign activation; its memory only spreads calls and skips numbers found full.
/// </summary>
public sealed class CallerIdChooser(CallerIdStore store, TimeProvider time)
{
    // A number found at its cap or resting is not asked again for a while: asking costs a round trip per call.
    private static readonly TimeSpan FullNumberRecheck = TimeSpan.FromMinutes(5);
    // The most numbers asked for one call; beyond, the fallback is presented.
    private const int MaxTries = 5;
    private readonly Dictionary<string, int> usedToday = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> fullUntil = new(StringComparer.Ordinal);
    private DateOnly day;

    public async Task<PresentedNumber> ChooseAsync(CallerIdPool pool, string? fallback, HopperEntry lead)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != day)
        {
            day = today;
            usedToday.Clear();
        }
        var candidates = LocalPresence.Candidates(pool, lead.Phone, lead.Region, usedToday);
        var tries = 0;
        foreach (var (number, reason) in candidates)
        {
            if (fullUntil.TryGetValue(number.Number, out var until) && until > now) continue;
            if (++tries > MaxTries) break;
            var cap = number.DailyCap ?? pool.DailyCap;
            if (await store.TryTakeAsync(number.Number, cap, pool.RestHours) is { } calls)
            {
                usedToday[number.Number] = calls;
                fullUntil.Remove(number.Number);
                return new PresentedNumber(number.Number, $"local presence: {reason} (call {calls} of {cap} today)");
            }
            fullUntil[number.Number] = now + FullNumberRecheck;
        }
        var why = candidates.Count == 0 ? "no pool number for the lead's area code or region" : "the pool's numbers for the lead are at their daily cap or resting";
        return new PresentedNumber(fallback, fallback is null ? $"{why}; no campaign caller ID: the carrier's default" : $"{why}: the campaign's caller ID");
    }
}
