using System.Globalization;
using System.Text;
using ContactCenter.Grains.Leads;

namespace ContactCenter.LeadImport;

/// <summary>
/// Writes a lead CSV of N rows (12 columns, every phone a distinct valid US number), streaming,
/// so generating a million rows costs no memory to speak of.
/// </summary>
public static class LeadCsvGenerator
{
    public const string Header = "First Name,Last Name,Address,City,State,Zip,Country,Phone,Email,Gender,Comments,Tags";

    private static readonly string[] AreaCodes = ["212", "310", "617", "415", "312", "713", "305", "404", "206", "303", "512", "702", "602", "215", "718", "646", "917", "347", "213", "818"];
    private static readonly string[] FirstNames = ["Ann", "Bob", "Cara", "Dan", "Eve", "Finn", "Gia", "Hal", "Ivy", "Jon", "Kai", "Lea", "Max", "Nia", "Oto", "Pia"];
    private static readonly string[] LastNames = ["Lee", "Smith", "Garcia", "Nguyen", "O'Brien", "Kowalski", "Müller", "Rossi", "Tanaka", "Okafor", "Silva", "Dubois"];
    private static readonly string[] Cities = ["New York", "Los Angeles", "Boston", "San Francisco", "Chicago", "Houston", "Miami", "Atlanta", "Seattle", "Denver"];
    private static readonly string[] States = ["NY", "CA", "MA", "CA", "IL", "TX", "FL", "GA", "WA", "CO"];

    public static void Write(string path, int rows)
    {
        var exchanges = ValidExchanges(rows);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(Header);
        writer.Write('\n');
        var line = new StringBuilder(256);
        for (var i = 0; i < rows; i++)
        {
            // i = exchangeIndex * 10,000 + lineNumber, so every row gets its own number.
            var phone = $"({AreaCodes[i % AreaCodes.Length]}) {exchanges[i / 10_000]}-{i % 10_000:D4}";
            var city = i % Cities.Length;
            line.Clear()
                .Append(FirstNames[i % FirstNames.Length]).Append(',')
                .Append(LastNames[i / 7 % LastNames.Length]).Append(',')
                .Append('"').Append(i % 9000 + 1).Append(" Main St, Apt ").Append(i % 97).Append('"').Append(',')
                .Append(Cities[city]).Append(',').Append(States[city]).Append(',')
                .Append((10000 + i % 89999).ToString("D5", CultureInfo.InvariantCulture)).Append(',')
                .Append("US,")
                .Append(phone).Append(',')
                .Append("lead").Append(i).Append("@example.com,")
                .Append(i % 2 == 0 ? "F" : "M").Append(',')
                .Append("imported by the benchmark,")
                .Append(i % 5 == 0 ? "vip|spring" : "spring").Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>Central-office codes valid in every one of our area codes, enough for <paramref name="rows"/> numbers.</summary>
    private static List<string> ValidExchanges(int rows)
    {
        var needed = (rows + 9_999) / 10_000;
        var found = new List<string>();
        for (var exchange = 201; exchange <= 999 && found.Count < needed; exchange++)
        {
            var code = exchange.ToString(CultureInfo.InvariantCulture);
            if (code[1] == '1' && code[2] == '1' || code == "555" || code == "950" || code == "958" || code == "959" || code == "976") continue;
            if (AreaCodes.All(area => new[] { "0000", "4321", "9999" }.All(last => PhoneNumberNormalizer.TryNormalize($"{area}{code}{last}", "US", out _) is not null)))
                found.Add(code);
        }
        if (found.Count < needed) throw new InvalidOperationException($"Only {found.Count * 10_000} distinct valid numbers available.");
        return found;
    }
}
