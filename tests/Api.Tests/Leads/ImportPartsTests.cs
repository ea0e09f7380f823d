using System.Text;
using ContactCenter.Api.Leads.Imports;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using nietras.SeparatedValues;

namespace ContactCenter.Api.Tests.Leads;

public sealed class ImportPartsTests
{
    private static List<(long Line, string? First, bool Truncated)> ReadCapped(string text, int cap)
    {
        using var capped = new RecordCapReader(new StringReader(text), cap);
        using var sep = Sep.Reader(o => o with { DisableColCountCheck = true, Unescape = true }).From(capped);
        var rows = new List<(long, string?, bool)>();
        foreach (var row in sep)
        {
            var truncated = capped.TryTakeTruncated(row.RowIndex);
            rows.Add((row.LineNumberFrom + capped.SkippedLinesBefore(row.RowIndex), truncated ? null : row[0].ToString(), truncated));
        }
        return rows;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void RecordCap_LongRecordsAreCutAndLaterLinesKeepTheirNumbers(string eol)
    {
        var text = string.Join(eol, "h,x", "a,1", "b," + new string('y', 500), "c,\"q" + eol + "q\"", "d,\"" + new string('z', 300) + eol + "more" + eol + "end\"", "e,2") + eol;
        var rows = ReadCapped(text, 100);
        Assert.Equal([(2L, "a", false), (3L, null, true), (4L, "c", false), (6L, null, true), (9L, "e", false)], rows);
    }

    [Fact]
    public void RecordCap_UnclosedQuoteSwallowsTheRestAsOneRecord()
    {
        var rows = ReadCapped("h\n\"open\n" + string.Concat(Enumerable.Repeat("row\n", 100)), 64);
        Assert.Equal([(2L, null, true)], rows);
    }

    [Fact]
    public void Decoder_PicksEncodingsFromTheBytes()
    {
        Assert.IsType<UTF8Encoding>(CsvTextDecoder.Detect(Encoding.UTF8.GetBytes("Name\nJosé\n")));
        Assert.Same(Encoding.Latin1, CsvTextDecoder.Detect(Encoding.Latin1.GetBytes("Name\nJosé\n")));
        Assert.IsType<UnicodeEncoding>(CsvTextDecoder.Detect([0xFF, 0xFE, (byte)'N', 0]));
        Assert.Throws<ValidationFailedException>(() => CsvTextDecoder.Detect([]));
        Assert.Throws<ValidationFailedException>(() => CsvTextDecoder.Detect(Encoding.Unicode.GetBytes("Name\n")));
        Assert.Throws<ValidationFailedException>(() => CsvTextDecoder.Detect(Enumerable.Range(0, 400).Select(i => (byte)(i % 8 + 1)).ToArray()));
    }

    [Fact]
    public void ColumnMap_RecognisesCommonHeaders()
    {
        var map = LeadColumnMap.Create(["First Name", "last_name", "E-mail", "Phone Number", "Phone 2", "ZIP", "Shoe size", "id"], null);
        Assert.Equal([LeadField.FirstName, LeadField.LastName, LeadField.Email, LeadField.Phone, LeadField.AltPhones, LeadField.PostalCode, LeadField.Custom, LeadField.Ignore], map.Fields);
    }

    [Fact]
    public void Normalizer_SingleTypeCheckAgreesWithIsValidNumberAndTheGeneralZoneLookup()
    {
        // Validity is decided from the number type and the zone lookup skips a second type check
        // for geographical numbers: both must agree with libphonenumber's general calls.
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var zones = PhoneNumbers.PhoneNumberToTimeZonesMapper.GetInstance();
        var random = new Random(11);
        foreach (var region in new[] { "US", "GB", "DE", "IN", "BR" })
        {
            for (var i = 0; i < 2000; i++)
            {
                var raw = (i % 3 == 0 ? "+" : "") + string.Concat(Enumerable.Range(0, random.Next(6, 13)).Select(_ => (char)('0' + random.Next(10))));
                var e164 = PhoneNumberNormalizer.TryNormalize(raw, region, out var numberRegion, out var zone, out _);
                PhoneNumbers.PhoneNumber? parsed = null;
                try { parsed = util.Parse(raw, region); } catch (PhoneNumbers.NumberParseException) { }
                Assert.Equal(parsed is not null && util.IsValidNumber(parsed), e164 is not null);
                if (e164 is null || parsed is null) continue;
                Assert.Equal(util.Format(parsed, PhoneNumbers.PhoneNumberFormat.E164), e164);
                Assert.Equal(zones.GetTimeZonesForNumber(parsed).Where(z => z != "Etc/Unknown"), zone);
                Assert.Equal(util.GetRegionCodeForNumber(parsed), numberRegion);
            }
        }
        PhoneNumberNormalizer.TryNormalize("312-555-0142", "US", out _, out var chicago, out _);
        Assert.Equal(["America/Chicago"], chicago);
        // A UK mobile has no area: its zones are the country's (libphonenumber lists the Crown
        // dependencies first, which keep London's clock).
        PhoneNumberNormalizer.TryNormalize("07400 123456", "GB", out _, out var mobileZones, out _);
        Assert.NotEmpty(mobileZones);
        var mobile = mobileZones[0];
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var instant = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(london.GetUtcOffset(instant), TimeZoneInfo.FindSystemTimeZoneById(mobile).GetUtcOffset(instant));
    }
}
