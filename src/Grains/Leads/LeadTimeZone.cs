namespace ContactCenter.Grains.Leads;

/// <summary>
/// Chooses the IANA zone a lead is called in, the same way for a lead added through the API and for an
/// imported row. Most specific first: an explicit zone; the address (state, province or territory, else a
/// postal code that names one); the number, only when all its zones keep one clock; the list's region,
/// only when all of its zones keep one clock; else unknown (null). A shared area code (+61 8 is Perth and
/// Adelaide, 2.5 h apart; 605 is South Dakota on two clocks) therefore never picks a zone on its own.
/// </summary>
/// <remarks>
/// Unknown is only as safe as the dialer's handling of it: the hopper reads a lead without a zone as UTC
/// (HopperStore), see docs/lead-management.md. A number on several clocks with nothing else to decide keeps
/// all of them (<see cref="ResolveAll"/>): the claim dials it only while every one is inside the window.
/// </remarks>
public static class LeadTimeZone
{
    /// <summary>How far ahead two zones must agree to count as one clock: a stored zone is used for months, across a DST change.</summary>
    private static readonly TimeSpan HalfYear = TimeSpan.FromDays(182);

    /// <summary>
    /// The lead's zone. <paramref name="explicitZone"/> must already be a valid IANA id (see <see cref="TryParseExplicit"/>);
    /// <paramref name="numberRegion"/> and <paramref name="numberZones"/> come from <see cref="PhoneNumberNormalizer"/>;
    /// <paramref name="now"/> is when the clocks are compared.
    /// </summary>
    public static string? Resolve(string? explicitZone, string? state, string? postalCode, string? country, string? numberRegion,
        IReadOnlyList<string> numberZones, string listRegion, DateTimeOffset now) =>
        ResolveAll(explicitZone, state, postalCode, country, numberRegion, numberZones, listRegion, now).Zone;

    /// <summary>
    /// As <see cref="Resolve"/>, with the zones a number on several clocks might also be in when nothing else decides
    /// (an 08 number without an address is Perth, Adelaide or Darwin): its first zone, and the others on another clock.
    /// </summary>
    public static LeadZones ResolveAll(string? explicitZone, string? state, string? postalCode, string? country, string? numberRegion,
        IReadOnlyList<string> numberZones, string listRegion, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(explicitZone)) return new(explicitZone, []);
        if (PostalTimeZones.ZonesOf(state, postalCode, country, numberRegion) is { } addressZones)
            return new(WithinAddress(addressZones, numberZones, now), []);
        if (OneClock(numberZones, now)) return new(numberZones[0], []);
        var regionZones = PhoneNumberNormalizer.ZonesOfRegion(listRegion);
        if (OneClock(regionZones, now)) return new(regionZones[0], []);
        if (numberZones.Count == 0) return new(null, []);
        // Unknown would be worse than all of them: the claim reads an unknown zone as UTC, hours off everywhere these
        // numbers live. One zone per clock is enough for the window check.
        var others = new List<string>();
        foreach (var zone in numberZones.Skip(1))
        {
            if (!SameClock(numberZones[0], zone, now) && !others.Any(o => SameClock(o, zone, now))) others.Add(zone);
        }
        return new(numberZones[0], others);
    }

    /// <summary>
    /// An explicit zone as its IANA id (a Windows id is converted, since PostgreSQL knows only IANA ones);
    /// false when it names no zone. Blank is no zone, and valid.
    /// </summary>
    public static bool TryParseExplicit(string? raw, out string? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(raw.Trim(), out var found)) return false;
        if (found.HasIanaId) { zone = found.Id; return true; }
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(found.Id, out var iana)) { zone = iana; return true; }
        return false;
    }

    /// <summary>
    /// The address's zone: its only one, else the one the number's clock points to within it (an El Paso
    /// number in Texas is Mountain), else where most of its people live (the number is elsewhere or on
    /// both of the state's clocks).
    /// </summary>
    private static string WithinAddress(string[] addressZones, IReadOnlyList<string> numberZones, DateTimeOffset now)
    {
        if (addressZones.Length == 1) return addressZones[0];
        string? match = null;
        foreach (var zone in addressZones)
        {
            if (!numberZones.Any(n => SameClock(n, zone, now))) continue;
            if (match is not null && !SameClock(match, zone, now)) return addressZones[0];
            match ??= zone;
        }
        return match ?? addressZones[0];
    }

    private static bool OneClock(IReadOnlyList<string> zones, DateTimeOffset now) =>
        zones.Count > 0 && zones.All(z => SameClock(zones[0], z, now));

    private static bool SameClock(string a, string b, DateTimeOffset now)
    {
        if (a == b) return true;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(a, out var za) || !TimeZoneInfo.TryFindSystemTimeZoneById(b, out var zb)) return false;
        return za.GetUtcOffset(now) == zb.GetUtcOffset(now) && za.GetUtcOffset(now + HalfYear) == zb.GetUtcOffset(now + HalfYear);
    }
}
