using System.Text.Json;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Which lead field each CSV column feeds. Common header spellings are recognised
/// ("First Name", "first_name", "Phone Number", "E-mail", "Zip", ...); headers nobody recognises
/// become custom fields; an explicit mapping <c>{"csvHeader":"field"}</c> wins over both.
/// </summary>
public sealed class LeadColumnMap
{
    private static readonly Dictionary<string, LeadField> Known = BuildKnown();

    private LeadColumnMap(string[] headers, LeadField[] fields)
    {
        Headers = headers;
        Fields = fields;
    }

    /// <summary>The header row as read.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The field of each column, in column order.</summary>
    public IReadOnlyList<LeadField> Fields { get; }

    /// <summary>Builds the map; throws <see cref="ValidationFailedException"/> when no column gives the phone or the mapping is wrong.</summary>
    public static LeadColumnMap Create(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? explicitMapping)
    {
        var names = headers.Select(h => h.Trim()).ToArray();
        var fields = names.Select(Recognise).ToArray();
        if (explicitMapping is not null)
        {
            var v = new Validation();
            foreach (var (header, target) in explicitMapping)
            {
                var column = Array.FindIndex(names, n => string.Equals(n, header.Trim(), StringComparison.OrdinalIgnoreCase));
                if (column < 0) { v.Add("mapping", $"The file has no column '{header}' (its columns: {string.Join(", ", names)})."); continue; }
                if (!TryParseTarget(target, out var field)) { v.Add("mapping", $"'{target}' is not a lead field; use one of: {string.Join(", ", Enum.GetNames<LeadField>().Select(Camel))}."); continue; }
                fields[column] = field;
            }
            v.ThrowIfInvalid();
        }
        var phones = fields.Count(f => f == LeadField.Phone);
        if (phones == 0)
            throw new ValidationFailedException("file", $"No column holds the phone number (columns: {string.Join(", ", names)}). Name one 'Phone' or pass a mapping such as {{\"{names.FirstOrDefault() ?? "Number"}\":\"phone\"}}.");
        if (phones > 1)
        {
            // A second phone-like column ("Phone", "Phone 2") reads as an alternate number.
            var first = Array.IndexOf(fields, LeadField.Phone);
            for (var i = first + 1; i < fields.Length; i++) if (fields[i] == LeadField.Phone) fields[i] = LeadField.AltPhones;
        }
        return new LeadColumnMap(names, fields);
    }

    /// <summary>Parses the multipart/query <c>mapping</c> value, a JSON object of header → field.</summary>
    public static IReadOnlyDictionary<string, string>? ParseMapping(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? throw new ValidationFailedException("mapping", "The mapping is a JSON object such as {\"Mobile\":\"phone\"}.");
        }
        catch (JsonException)
        {
            throw new ValidationFailedException("mapping", "The mapping is a JSON object of CSV header to field, such as {\"Mobile\":\"phone\",\"Zip\":\"postalCode\"}.");
        }
    }

    private static LeadField Recognise(string header) =>
        Known.TryGetValue(Key(header), out var field) ? field : header.Length == 0 ? LeadField.Ignore : LeadField.Custom;

    private static bool TryParseTarget(string target, out LeadField field)
    {
        var key = Key(target);
        if (key is "" or "ignore" or "skip") { field = LeadField.Ignore; return true; }
        if (key is "custom" or "customfield") { field = LeadField.Custom; return true; }
        foreach (var value in Enum.GetValues<LeadField>())
        {
            if (Key(value.ToString()) == key) { field = value; return true; }
        }
        return Known.TryGetValue(key, out field);
    }

    // "First Name", "first_name", "FIRST-NAME" and "firstName" all become "firstname".
    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Dictionary<string, LeadField> BuildKnown()
    {
        var known = new Dictionary<string, LeadField>(StringComparer.Ordinal);
        void Add(LeadField field, params string[] names) { foreach (var n in names) known[n] = field; }
        Add(LeadField.FirstName, "firstname", "first", "fname", "givenname", "forename");
        Add(LeadField.LastName, "lastname", "last", "lname", "surname", "familyname");
        Add(LeadField.Address, "address", "address1", "addressline1", "street", "streetaddress");
        Add(LeadField.City, "city", "town");
        Add(LeadField.State, "state", "region", "province", "stateprovince", "county");
        Add(LeadField.PostalCode, "postalcode", "postcode", "zip", "zipcode", "postal");
        Add(LeadField.Country, "country", "countrycode");
        Add(LeadField.Phone, "phone", "phonenumber", "phoneno", "telephone", "tel", "mobile", "mobilephone", "cell", "cellphone", "number", "mainphone", "phone1");
        Add(LeadField.AltPhones, "altphone", "altphones", "alternatephone", "alternatephones", "alternativephone", "otherphone", "phone2", "phone3", "workphone", "homephone");
        Add(LeadField.Gender, "gender", "sex");
        Add(LeadField.Email, "email", "emailaddress", "mail");
        Add(LeadField.Comments, "comments", "comment", "notes", "note", "remarks");
        Add(LeadField.Tags, "tags", "tag", "labels");
        Add(LeadField.TimeZone, "timezone", "tz");
        Add(LeadField.CustomFieldsJson, "customfields");
        // Columns of our own export that describe dialing state, not the lead: not imported.
        Add(LeadField.Ignore, "id", "listid", "status", "attempts", "lastoutcome", "disposition", "createdat", "updatedat", "nextcallableat");
        return known;
    }
}
