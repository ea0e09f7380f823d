namespace ContactCenter.Grains.Pacing;

/// <summary>
/// Orders a pool's numbers for one lead: same area code first, then same region, each tier least-used
/// first so calls spread over the numbers; the caller takes the first that its cap and rest allow.
/// Plain rules, no storage: <see cref="CallerIdStore"/> enforces the caps.
/// </summary>
public static class LocalPresence
{
    /// <summary>The numbers worth trying for <paramref name="leadPhone"/>, best first, each with why it fits.</summary>
    public static List<(PoolNumber Number, string Reason)> Candidates(CallerIdPool pool, string leadPhone, string? leadRegion, IReadOnlyDictionary<string, int> usedToday)
    {
        var area = AreaCode(leadPhone);
        var region = string.IsNullOrWhiteSpace(leadRegion) ? null : leadRegion.Trim();
        var byArea = new List<PoolNumber>();
        var byRegion = new List<PoolNumber>();
        foreach (var n in pool.Numbers)
        {
            if (area is not null && AreaCode(n.Number) == area) byArea.Add(n);
            else if (region is not null && string.Equals(n.Region?.Trim(), region, StringComparison.OrdinalIgnoreCase)) byRegion.Add(n);
        }
        int Used(PoolNumber n) => usedToday.GetValueOrDefault(n.Number);
        var ordered = byArea.OrderBy(Used).Select(n => (n, $"area code {area}")).ToList();
        ordered.AddRange(byRegion.OrderBy(Used).Select(n => (n, $"region {region}")));
        return ordered;
    }

    /// <summary>
    /// The country and area code of an E.164 number: in the NANP "+1" and the three-digit area code ("+1212");
    /// elsewhere, where area codes vary in length and no numbering plan is at hand, the first five characters
    /// ("+4420" London, "+6189" Perth), which separate areas in most plans without merging neighbours.
    /// </summary>
    public static string? AreaCode(string phone) => phone.Length >= 8 && phone[0] == '+' ? phone[..5] : null;
}
