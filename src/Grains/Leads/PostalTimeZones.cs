using System.Collections.Frozen;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// Refines a North American lead's time zone with its address: the state or province says where the
/// person lives, which a ported or out-of-area mobile number does not. Calling windows are a legal
/// matter (the TCPA's 8 am–9 pm is the called party's local time), so the address wins when it is
/// clear; for a state that spans zones the number's zone is kept when it lies in that state, else
/// the zone most of the state's people live in.
/// </summary>
public static class PostalTimeZones
{
    private static readonly FrozenDictionary<string, string[]> ZonesByRegion = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
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

    private static readonly FrozenDictionary<string, string> CodesByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
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

    private static readonly FrozenSet<string> NorthAmerica = new[]
    {
        "US", "USA", "U.S.", "U.S.A.", "United States", "United States of America", "CA", "CAN", "Canada",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every zone the table can give, for checks against the system's time-zone database.</summary>
    public static IEnumerable<string> AllZones => ZonesByRegion.Values.SelectMany(z => z).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The lead's zone from its number's zone (<paramref name="numberZone"/>, may be null) and its address: unchanged
    /// unless the number is North American (<paramref name="e164"/> starts with +1), the country, if given, is the
    /// United States or Canada, and <paramref name="state"/> names a state, district, territory or province (code or name).
    /// </summary>
    public static string? Refine(string? numberZone, string e164, string? state, string? country)
    {
        if (string.IsNullOrWhiteSpace(state) || !e164.StartsWith("+1", StringComparison.Ordinal)) return numberZone;
        if (!string.IsNullOrWhiteSpace(country) && !NorthAmerica.Contains(country.Trim())) return numberZone;
        var key = state.Trim().TrimEnd('.');
        if (CodesByName.TryGetValue(key, out var code)) key = code;
        if (!ZonesByRegion.TryGetValue(key, out var zones)) return numberZone;
        return numberZone is not null && Array.IndexOf(zones, numberZone) >= 0 ? numberZone : zones[0];
    }
}
