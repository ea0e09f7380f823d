namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// Abandoned calls as a fraction of live-answered calls (answered by a person, machines excluded), for the
/// current calling day (UTC) and over the last 30 days including today, the window the US rule measures.
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.AbandonRate")]
public sealed record AbandonRate([property: Id(0)] double Today, [property: Id(1)] double Last30Days)
{
    public const int WindowDays = 30;

    /// <summary>The rates from a campaign's daily counts (keys "yyyy-MM-dd").</summary>
    public static AbandonRate From(IReadOnlyDictionary<string, DailyCalls> days, DateTimeOffset now)
    {
        var today = DayKey(now);
        var since = DayKey(now.AddDays(-(WindowDays - 1)));
        var window = days.Where(d => string.CompareOrdinal(d.Key, since) >= 0).Select(d => d.Value).ToList();
        var todays = days.GetValueOrDefault(today);
        return new AbandonRate(Rate(todays?.Abandoned ?? 0, todays?.Answered ?? 0), Rate(window.Sum(d => d.Abandoned), window.Sum(d => d.Answered)));
    }

    /// <summary>Counts one ended call into its day, dropping days that left the window.</summary>
    public static void Count(Dictionary<string, DailyCalls> days, DateTimeOffset now, bool answered, bool abandoned)
    {
        if (!answered && !abandoned) return;
        var key = DayKey(now);
        var day = days.GetValueOrDefault(key) ?? new DailyCalls(0, 0);
        days[key] = new DailyCalls(day.Answered + (answered ? 1 : 0), day.Abandoned + (abandoned ? 1 : 0));
        var since = DayKey(now.AddDays(-(WindowDays - 1)));
        foreach (var old in days.Keys.Where(k => string.CompareOrdinal(k, since) < 0).ToList()) days.Remove(old);
    }

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static double Rate(int abandoned, int answered) => answered == 0 ? 0 : Math.Round((double)abandoned / answered, 4);
}
