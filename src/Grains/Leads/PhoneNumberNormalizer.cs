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
        TryNormalize(raw, defaultRegion, out _, out error);

    /// <summary>
    /// Parses once and returns the E.164 form with the number's time zone: the IANA zone of its area
    /// for a geographical number, of its country for a mobile or other non-geographical one (the first
    /// when there are several, null when none is known); null with the reason when the number cannot
    /// be dialed.
    /// </summary>
    public static string? TryNormalize(string? raw, string defaultRegion, out string? timeZone, out string? error)
    {
        timeZone = null;
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
            // general one repeats the type check, so it is paid only for the others, whose zone is
            // their country's (a UK mobile is in Europe/London).
            var zones = Util.IsNumberGeographical(type, parsed.CountryCode)
                ? TimeZones.GetTimeZonesForGeographicalNumber(parsed)
                : TimeZones.GetTimeZonesForNumber(parsed);
            timeZone = zones.FirstOrDefault(z => z != UnknownZone);
            return Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex)
        {
            error = $"'{raw}' is not a phone number ({ex.ErrorType}).";
            return null;
        }
    }
}
