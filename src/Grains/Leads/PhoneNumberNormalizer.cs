using PhoneNumbers;

namespace ContactCenter.Grains.Leads;

/// <summary>Turns what people type into E.164, the only form we dial and match DNC on.</summary>
public static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Returns the E.164 form, or null with the reason the number cannot be dialed.</summary>
    public static string? TryNormalize(string? raw, string defaultRegion, out string? error) =>
        TryNormalize(raw, defaultRegion, out _, out error);

    /// <summary>
    /// Parses once and returns the E.164 form with the number's time zone (see <see cref="TimeZoneOf"/>);
    /// null with the reason when the number cannot be dialed. Bulk imports use this to parse each number once.
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
            if (Util.IsNumberGeographical(type, parsed.CountryCode))
                timeZone = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForGeographicalNumber(parsed).FirstOrDefault(z => z != "Etc/Unknown");
            return Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex)
        {
            error = $"'{raw}' is not a phone number ({ex.ErrorType}).";
            return null;
        }
    }

    /// <summary>The IANA time zone of the number's area when it maps to exactly one; else the first known, else null.</summary>
    public static string? TimeZoneOf(string e164)
    {
        try
        {
            var parsed = Util.Parse(e164, null);
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(parsed);
            var zone = zones.FirstOrDefault(z => z != "Etc/Unknown");
            return zone;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
