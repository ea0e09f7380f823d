using System.Collections.Frozen;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// The zones of a lead's address: its state, province or territory (by code or name), else its postal
/// code where the code alone says the state (Australia, Canada). The address says where the person
/// lives, which a ported or out-of-area mobile number does not, and calling windows are a legal
/// matter (the TCPA's 8 am–9 pm is the called party's local time). The first zone of a state is where
/// most of its people live. Codes are read in the address's own country: WA is Washington for a
/// North American lead and Western Australia for an Australian one.
/// </summary>
public static class PostalTimeZones
{
    private static readonly FrozenDictionary<string, string[]> NorthAmericanZones = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        // United States (first zone: where most of the state lives), DC and the territories.
        ["AL"] = ["America/Chicago"], ["AK"] = ["America/Anchorage", "America/Adak"], ["AZ"] = ["America/Phoenix"],
        ["AR"] = ["America/Chicago"], ["CA"] = ["America/Los_Angeles"], ["CO"] = ["America/Denver"], ["CT"] = ["America/New_York"],
        ["DE"] = ["America/New_York"], ["DC"] = ["America/New_York"], ["FL"] = ["America/New_York", "America/Chicago"],
        ["GA"] = ["America/New_York"], ["HI"] = ["Pacific/Honolulu"], ["ID"] = ["America/Boise", "America/Los_Angeles"],
        ["IL"] = ["America/Chicago"], ["IN"] = ["America/Indiana/Indianapolis", "America/Chicago"], ["IA"] = ["America/Chicago"],
        ["KS"] = ["America/Chicago", "America/Denver"], ["KY"] = ["America/New_York", "America/Chicago"], ["LA"] = ["America/Chicago"],
        ["ME"] = ["America/New_York"], ["MD"] = ["America/New_York"], ["MA"] = ["America/New_York"],
        ["MI"] = ["America/Detroit", "America/Chicago"], ["MN"] = ["America/Chicago"], ["MS"] = ["America/Chicago"],
        ["MO"] = ["America/Chicago"], ["MT"] = ["America/Denver"], ["NE"] = ["America/Chicago", "America/Denver"],
        ["NV"] = ["America/Los_Angeles", "America/Denver"], ["NH"] = ["America/New_York"], ["NJ"] = ["America/New_York"],
        ["NM"] = ["America/Denver"], ["NY"] = ["America/New_York"], ["NC"] = ["America/New_York"],
        ["ND"] = ["America/Chicago", "America/Denver"], ["OH"] = ["America/New_York"], ["OK"] = ["America/Chicago"],
        ["OR"] = ["America/Los_Angeles", "America/Boise"], ["PA"] = ["America/New_York"], ["RI"] = ["America/New_York"],
        ["SC"] = ["America/New_York"], ["SD"] = ["America/Chicago", "America/Denver"], ["TN"] = ["America/Chicago", "America/New_York"],
        ["TX"] = ["America/Chicago", "America/Denver"], ["UT"] = ["America/Denver"], ["VT"] = ["America/New_York"],
        ["VA"] = ["America/New_York"], ["WA"] = ["America/Los_Angeles"], ["WV"] = ["America/New_York"], ["WI"] = ["America/Chicago"],
        ["WY"] = ["America/Denver"], ["PR"] = ["America/Puerto_Rico"], ["GU"] = ["Pacific/Guam"], ["VI"] = ["America/St_Thomas"],
        ["AS"] = ["Pacific/Pago_Pago"], ["MP"] = ["Pacific/Saipan"],
        // Canada.
        ["AB"] = ["America/Edmonton"], ["BC"] = ["America/Vancouver", "America/Edmonton"], ["MB"] = ["America/Winnipeg"],
        ["NB"] = ["America/Moncton"], ["NL"] = ["America/St_Johns", "America/Goose_Bay"], ["NS"] = ["America/Halifax"],
        ["NT"] = ["America/Edmonton"], ["NU"] = ["America/Iqaluit", "America/Winnipeg", "America/Edmonton"],
        ["ON"] = ["America/Toronto", "America/Winnipeg"], ["PE"] = ["America/Halifax"], ["QC"] = ["America/Toronto"],
        ["SK"] = ["America/Regina"], ["YT"] = ["America/Whitehorse"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> NorthAmericanCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Alabama"] = "AL", ["Alaska"] = "AK", ["Arizona"] = "AZ", ["Arkansas"] = "AR", ["California"] = "CA", ["Colorado"] = "CO",
        ["Connecticut"] = "CT", ["Delaware"] = "DE", ["District of Columbia"] = "DC", ["Washington DC"] = "DC", ["Washington, DC"] = "DC",
        ["Washington D.C."] = "DC", ["Florida"] = "FL", ["Georgia"] = "GA", ["Hawaii"] = "HI", ["Idaho"] = "ID", ["Illinois"] = "IL",
        ["Indiana"] = "IN", ["Iowa"] = "IA", ["Kansas"] = "KS", ["Kentucky"] = "KY", ["Louisiana"] = "LA", ["Maine"] = "ME",
        ["Maryland"] = "MD", ["Massachusetts"] = "MA", ["Michigan"] = "MI", ["Minnesota"] = "MN", ["Mississippi"] = "MS",
        ["Missouri"] = "MO", ["Montana"] = "MT", ["Nebraska"] = "NE", ["Nevada"] = "NV", ["New Hampshire"] = "NH",
        ["New Jersey"] = "NJ", ["New Mexico"] = "NM", ["New York"] = "NY", ["North Carolina"] = "NC", ["North Dakota"] = "ND",
        ["Ohio"] = "OH", ["Oklahoma"] = "OK", ["Oregon"] = "OR", ["Pennsylvania"] = "PA", ["Rhode Island"] = "RI",
        ["South Carolina"] = "SC", ["South Dakota"] = "SD", ["Tennessee"] = "TN", ["Texas"] = "TX", ["Utah"] = "UT",
        ["Vermont"] = "VT", ["Virginia"] = "VA", ["Washington"] = "WA", ["West Virginia"] = "WV", ["Wisconsin"] = "WI",
        ["Wyoming"] = "WY", ["Puerto Rico"] = "PR", ["Guam"] = "GU", ["U.S. Virgin Islands"] = "VI", ["US Virgin Islands"] = "VI",
        ["American Samoa"] = "AS", ["Northern Mariana Islands"] = "MP",
        ["Alberta"] = "AB", ["British Columbia"] = "BC", ["Manitoba"] = "MB", ["New Brunswick"] = "NB",
        ["Newfoundland and Labrador"] = "NL", ["Newfoundland"] = "NL", ["Nova Scotia"] = "NS", ["Northwest Territories"] = "NT",
        ["Nunavut"] = "NU", ["Ontario"] = "ON", ["Prince Edward Island"] = "PE", ["Quebec"] = "QC", ["Québec"] = "QC",
        ["Saskatchewan"] = "SK", ["Yukon"] = "YT",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);


    private static readonly FrozenDictionary<string, string[]> AustralianZones = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        // Eucla (+8:45) and Lord Howe (+10:30) are a few hundred people each: their states' clocks stand.
        ["WA"] = ["Australia/Perth"], ["SA"] = ["Australia/Adelaide"], ["NT"] = ["Australia/Darwin"], ["QLD"] = ["Australia/Brisbane"],
        ["NSW"] = ["Australia/Sydney", "Australia/Broken_Hill"], ["ACT"] = ["Australia/Sydney"], ["VIC"] = ["Australia/Melbourne"],
        ["TAS"] = ["Australia/Hobart"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> AustralianCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Western Australia"] = "WA", ["South Australia"] = "SA", ["Northern Territory"] = "NT", ["Queensland"] = "QLD",
        ["New South Wales"] = "NSW", ["Australian Capital Territory"] = "ACT", ["Victoria"] = "VIC", ["Tasmania"] = "TAS",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> CountryCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "US", ["USA"] = "US", ["U.S."] = "US", ["U.S.A."] = "US", ["United States"] = "US", ["United States of America"] = "US",
        ["CA"] = "CA", ["CAN"] = "CA", ["Canada"] = "CA",
        ["AU"] = "AU", ["AUS"] = "AU", ["Australia"] = "AU",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every zone the tables can give, for checks against the system's time-zone database.</summary>
    public static IEnumerable<string> AllZones =>
        NorthAmericanZones.Values.Concat(AustralianZones.Values).SelectMany(z => z).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The zones of the address (most people first), or null when it says nothing we know. The address is
    /// read in <paramref name="country"/> when that is given, else in the number's country
    /// (<paramref name="numberRegion"/>, an ISO 3166 code; US, Canada and the other +1 regions share one table):
    /// an address in a country without a table (or an unknown country name) gives null.
    /// </summary>
    public static string[]? ZonesOf(string? state, string? postalCode, string? country, string? numberRegion)
    {
        var table = string.IsNullOrWhiteSpace(country) ? numberRegion : CountryCodes.GetValueOrDefault(country.Trim());
        if (table is null) return null;
        var northAmerica = table is "US" or "CA" || (string.IsNullOrWhiteSpace(country) && IsNanpRegion(table));
        if (!northAmerica && table != "AU") return null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            var key = state.Trim().TrimEnd('.');
            var zones = northAmerica
                ? NorthAmericanZones.GetValueOrDefault(NorthAmericanCodes.GetValueOrDefault(key, key))
                : AustralianZones.GetValueOrDefault(AustralianCodes.GetValueOrDefault(key, key));
            if (zones is not null) return zones;
        }
        if (string.IsNullOrWhiteSpace(postalCode)) return null;
        var postal = postalCode.Trim();
        return northAmerica ? CanadianPostalZones(postal) : AustralianPostcodeZones(postal);
    }

    private static bool IsNanpRegion(string region) =>
        PhoneNumbers.PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(region) == 1;

    /// <summary>A Canadian postal code's first letter is its province (X is split between the Northwest Territories and Nunavut); a US ZIP code is not mapped.</summary>
    private static string[]? CanadianPostalZones(string postal)
    {
        if (postal.Length < 6 || !char.IsAsciiLetter(postal[0]) || !char.IsAsciiDigit(postal[1])) return null;
        var province = char.ToUpperInvariant(postal[0]) switch
        {
            'A' => "NL", 'B' => "NS", 'C' => "PE", 'E' => "NB", 'G' or 'H' or 'J' => "QC", 'K' or 'L' or 'M' or 'N' or 'P' => "ON",
            'R' => "MB", 'S' => "SK", 'T' => "AB", 'V' => "BC", 'Y' => "YT", _ => null,
        };
        return province is null ? null : NorthAmericanZones[province];
    }

    /// <summary>Australia Post's ranges: a four-digit postcode names its state or territory.</summary>
    private static string[]? AustralianPostcodeZones(string postal)
    {
        if (postal.Length != 4 || !int.TryParse(postal, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)) return null;
        var state = code switch
        {
            >= 200 and <= 299 or >= 2600 and <= 2618 or >= 2900 and <= 2920 => "ACT",
            >= 800 and <= 999 => "NT",
            >= 1000 and <= 2999 => "NSW",
            >= 3000 and <= 3999 or >= 8000 and <= 8999 => "VIC",
            >= 4000 and <= 4999 or >= 9000 and <= 9999 => "QLD",
            >= 5000 and <= 5999 => "SA",
            6798 or 6799 => null, // Christmas and Cocos Islands keep clocks of their own
            >= 6000 and <= 6999 => "WA",
            >= 7000 and <= 7999 => "TAS",
            _ => null,
        };
        return state is null ? null : AustralianZones[state];
    }
}
