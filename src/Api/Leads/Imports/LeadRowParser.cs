using System.Buffers;
using System.Text;
using System.Text.Json;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Turns one raw CSV row into a <see cref="StagedLead"/> (trimmed fields, E.164 numbers, the
/// time zone from the number refined by the address, custom fields as JSON) or into a <see cref="RejectedRow"/> with the reason.
/// Stateless, so batches are parsed on several threads at once.
/// </summary>
/// <param name="now">When the clocks of a number's candidate zones are compared (<see cref="LeadTimeZone"/>).</param>
public sealed class LeadRowParser(LeadColumnMap map, string defaultRegion, DateTimeOffset now)
{
    private const int MaxStoredFieldChars = 1000;

    public StagedLead? Parse(in RawRow row, out RejectedRow? rejected)
    {
        rejected = null;
        if (row.Problem is { } problem) { rejected = Reject(row, problem); return null; }
        var f = row.Fields;
        string? first = null, last = null, address = null, city = null, state = null, postal = null, country = null;
        string? phoneRaw = null, gender = null, email = null, comments = null, zone = null, customJson = null;
        string[]? altRaw = null, tags = null;
        List<(string Name, string Value)>? custom = null;
        for (var i = 0; i < f.Length; i++)
        {
            var value = Clean(f[i]);
            if (value is null) continue;
            switch (map.Fields[i])
            {
                case LeadField.FirstName: first = value; break;
                case LeadField.LastName: last = value; break;
                case LeadField.Address: address = value; break;
                case LeadField.City: city = value; break;
                case LeadField.State: state = value; break;
                case LeadField.PostalCode: postal = value; break;
                case LeadField.Country: country = value; break;
                case LeadField.Phone: phoneRaw = value; break;
                case LeadField.AltPhones: altRaw = AppendDistinct(altRaw, value.Split(PhoneSeparators, SplitOptions)); break;
                case LeadField.Gender: gender = value; break;
                case LeadField.Email: email = value; break;
                case LeadField.Comments: comments = value; break;
                case LeadField.Tags: tags = AppendDistinct(tags, value.Split(TagSeparators, SplitOptions)); break;
                case LeadField.TimeZone: zone = value; break;
                case LeadField.CustomFieldsJson: customJson = value; break;
                case LeadField.Custom: (custom ??= []).Add((map.Headers[i], value)); break;
            }
        }
        if (TooLong(first, last, address, city, state, postal, country, gender, email, comments, tags) is { } tooLong) { rejected = Reject(row, tooLong); return null; }
        var phone = PhoneNumberNormalizer.TryNormalize(phoneRaw, defaultRegion, out var numberRegion, out var numberZones, out var error);
        if (phone is null) { rejected = Reject(row, error!); return null; }
        var altPhones = Array.Empty<string>();
        if (altRaw is { Length: > 0 })
        {
            altPhones = new string[altRaw.Length];
            for (var i = 0; i < altRaw.Length; i++)
            {
                var alt = PhoneNumberNormalizer.TryNormalize(altRaw[i], defaultRegion, out var altError);
                if (alt is null) { rejected = Reject(row, "Alternate phone: " + altError); return null; }
                altPhones[i] = alt;
            }
        }
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _)) { rejected = Reject(row, $"'{email}' is not an e-mail address."); return null; }
        // A zone the system does not know is dropped, not a rejection: the row still has a zone from its address or number.
        if (!LeadTimeZone.TryParseExplicit(zone, out zone)) zone = null;
        string json;
        try { json = CustomFields(customJson, custom); }
        catch (JsonException) { rejected = Reject(row, "The customFields column is not a JSON object."); return null; }
        if (json.Length > TextLimits.CustomFieldsJson) { rejected = Reject(row, $"The custom fields are longer than {TextLimits.CustomFieldsJson:N0} characters of JSON."); return null; }
        var zones = LeadTimeZone.ResolveAll(zone, state, postal, country, numberRegion, numberZones, defaultRegion, now);
        return new StagedLead(row.Line, first, last, address, city, state, postal, country, phone, altPhones, gender, email, comments,
            json, tags ?? [], zones.Zone, zones.Others.Count > 0 ? [.. zones.Others] : null);
    }

    /// <summary>The first field over its limit (<see cref="TextLimits"/>, the same as for a lead added through the API), as the row's rejection reason.</summary>
    private static string? TooLong(string? first, string? last, string? address, string? city, string? state, string? postal, string? country, string? gender,
        string? email, string? comments, string[]? tags)
    {
        string? reason = null;
        Limit(first, TextLimits.Name, "first name");
        Limit(last, TextLimits.Name, "last name");
        Limit(address, TextLimits.Name, "address");
        Limit(city, TextLimits.Name, "city");
        Limit(state, TextLimits.Name, "state");
        Limit(postal, TextLimits.Name, "postal code");
        Limit(country, TextLimits.Name, "country");
        Limit(gender, TextLimits.Name, "gender");
        Limit(email, TextLimits.Email, "e-mail address");
        Limit(comments, TextLimits.Comments, "comment");
        foreach (var tag in tags ?? []) Limit(tag, TextLimits.Code, "tag");
        return reason;

        void Limit(string? value, int max, string field)
        {
            if (reason is null && value?.Length > max) reason = $"The {field} is longer than {max:N0} characters.";
        }
    }

    private static string? Clean(string raw)
    {
        var trimmed = raw.AsSpan().Trim();
        return trimmed.Length == 0 ? null : trimmed.Length == raw.Length ? raw : trimmed.ToString();
    }

    private const StringSplitOptions SplitOptions = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
    private static readonly char[] PhoneSeparators = ['|', ';'];
    private static readonly char[] TagSeparators = ['|', ';', ','];

    /// <summary>The values of both arrays in order, each once (the arrays are the caller's to reuse).</summary>
    private static string[] AppendDistinct(string[]? existing, string[] more)
    {
        var all = existing is null ? more : [.. existing, .. more];
        // A lead has a handful of tags: a scan of the kept ones beats building a set per row.
        var kept = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (Array.IndexOf(all, all[i], 0, kept) >= 0) continue;
            all[kept++] = all[i];
        }
        return kept == all.Length ? all : all[..kept];
    }

    private static string CustomFields(string? json, List<(string Name, string Value)>? custom)
    {
        if (json is null && custom is null) return "{}";
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            if (custom is not null)
            {
                foreach (var (name, value) in custom)
                {
                    if (written.Add(name)) writer.WriteString(name, value);
                }
            }
            if (json is not null)
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (written.Add(property.Name)) property.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A rejection that keeps the fields (each cut to 1,000 characters) for the error report; a NUL
    /// becomes U+FFFD there, since PostgreSQL text cannot hold it and the report must still be stored.
    /// </summary>
    public static RejectedRow Reject(in RawRow row, string reason) =>
        new(row.Line, reason, row.Fields.Select(v => (v.Length > MaxStoredFieldChars ? v[..MaxStoredFieldChars] : v).Replace('\0', '\uFFFD')).ToArray());
}
