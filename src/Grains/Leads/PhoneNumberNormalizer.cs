using PhoneNumbers;

namespace ContactCenter.Grains.Leads;

/// <summary>Turns what people type into E.164, the only form we dial and match DNC on.</summary>
public static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper TimeZones = PhoneNumberToTimeZonesMapper.GetInstance();
    private const string UnknownZone = "Etc/Unknown";

    /// <summary>Returns the E.164 form, or null with the reason the number cannot be dialed.</summary>
    public static string? TryNormalize(string? raw, string defaultRegion, out string? error) =>
        TryNormalize(raw, defaultRegion, out _, out _, out error);

    /// <summary>
    /// Parses once and returns the E.164 form with the number's region (ISO 3166) and every IANA zone it
    /// may be in: those of its area for a geographical number, of its whole country for a mobile or other
    /// non-geographical one (empty when none is known). Several zones are candidates, not a choice:
    /// <see cref="LeadTimeZone"/> decides. Null with the reason when the number cannot be dialed.
    /// </summary>
    public static string? TryNormalize(string? raw, string defaultRegion, out string? region, out IReadOnlyList<string> zones, out string? error)
    {
        region = null;
        zones = [];
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) { error = "The phone number is missing."; return null; }
        try
        {
            var parsed = Util.Parse(raw, string.IsNullOrWhiteSpace(defaultRegion) ? "US" : defaultRegion.ToUpperInvariant());
            // The number type is the costly check (pattern matching), and both validity and the
            // time-zone lookup need it: a valid number is one whose type is known, and only
            // geographical numbers have an area whose zone we can look up. Work it out once.
            var type = Util.GetNumberType(parsed);
            if (type == PhoneNumberType.UNKNOWN) { error = $"'{raw}' is not a valid phone number for region {defaultRegion}."; return null; }
            // Geographical numbers (nearly all of a North American list) take the direct lookup; the
            // general one repeats the type check, so it is paid only for the others, whose zones are
            // their country's (a UK mobile is in Europe/London, an Australian one anywhere from Perth to Sydney).
            var found = Util.IsNumberGeographical(type, parsed.CountryCode)
                ? TimeZones.GetTimeZonesForGeographicalNumber(parsed)
                : TimeZones.GetTimeZonesForNumber(parsed);
            zones = found.Count == 1 && found[0] == UnknownZone ? [] : [.. found.Where(z => z != UnknownZone)];
            region = Util.GetRegionCodeForNumber(parsed);
            return Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex)
        {
            error = $"'{raw}' is not a phone number ({ex.ErrorType}).";
            return null;
        }
    }

    /// <summary>
    /// The zones of a whole country calling code (every zone of the +1 area for US and Canada), for a list's
    /// default region; empty when the region is unknown.
    /// </summary>
    public static IReadOnlyList<string> ZonesOfRegion(string region)
    {
        var code = Util.GetCountryCodeForRegion(region.ToUpperInvariant());
        if (code == 0) return [];
        // National number 0 matches no area, so the lookup falls back to the country's own entry.
        var zones = TimeZones.GetTimeZonesForGeographicalNumber(new PhoneNumber.Builder().SetCountryCode(code).SetNationalNumber(0).Build());
        return [.. zones.Where(z => z != UnknownZone)];
    }
}
