using System.Globalization;
using ContactCenter.Api.Csv;
using ContactCenter.Grains.Common;
using nietras.SeparatedValues;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Reads a spooled lead file row by row with Sep: encoding detected by <see cref="CsvTextDecoder"/>,
/// delimiter (',', ';', tab or '|') detected from the header, records capped by
/// <see cref="RecordCapReader"/>. Rows come out with their line number in the file; rows with the
/// wrong number of fields, undecodable bytes or over the cap carry the problem instead of failing the file.
/// </summary>
public sealed class LeadCsvReader : IDisposable
{
    private readonly FileStream file;
    private readonly RecordCapReader capped;
    private readonly SepReader sep;

    private LeadCsvReader(FileStream file, RecordCapReader capped, SepReader sep)
    {
        this.file = file;
        this.capped = capped;
        this.sep = sep;
        var headers = sep.Header.ColNames.ToArray();
        CsvText.RestoreFormulas(headers);
        Headers = headers;
        Length = file.Length;
    }

    public IReadOnlyList<string> Headers { get; }

    // Sep closes the reader (and so the file) once it reaches the end.
    public long BytesRead => file.CanRead ? file.Position : Length;

    public long Length { get; }

    public int MaxRecordChars => capped.MaxRecordChars;

    /// <summary>Opens the file; throws <see cref="ValidationFailedException"/> when it is empty, binary or its header is unusable.</summary>
    public static LeadCsvReader Open(string path, int maxRecordChars, CancellationToken cancellation = default)
    {
        var encoding = CsvTextDecoder.Detect(path);
        CheckHeader(path, encoding, maxRecordChars, cancellation);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var capped = new RecordCapReader(CsvTextDecoder.Open(file, encoding), maxRecordChars, cancellation);
        try
        {
            // Values that repeat down a column (countries, states, cities, first names, tags) come out as
            // one shared string each: half the reader's allocations on a typical lead file.
            var sep = Sep.Reader(o => o with
            {
                DisableColCountCheck = true,
                Unescape = true,
                CultureInfo = CultureInfo.InvariantCulture,
                CreateToString = SepToString.PoolPerCol(),
            }).From(capped);
            if (capped.TryTakeTruncated(0))
                throw new ValidationFailedException("file", $"The header line is longer than {maxRecordChars:N0} characters.");
            if (sep.Header.ColNames.Count == 0 || sep.Header.ColNames.All(string.IsNullOrWhiteSpace))
                throw new ValidationFailedException("file", "The file has no header line; the first line must name the columns (e.g. First Name,Last Name,Phone).");
            return new LeadCsvReader(file, capped, sep);
        }
        catch
        {
            capped.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the header line alone, decoded and capped as the import will read it, and checks its names
    /// (<see cref="CsvHeader"/>) before the parser sees them: the parser refuses a repeated name with an
    /// exception of its own, which would otherwise be a 500.
    /// </summary>
    private static void CheckHeader(string path, System.Text.Encoding encoding, int maxRecordChars, CancellationToken cancellation)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var capped = new RecordCapReader(CsvTextDecoder.Open(file, encoding), maxRecordChars, cancellation);
        using var sep = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).From(capped);
        foreach (var row in sep)
        {
            if (capped.TryTakeTruncated(0)) throw new ValidationFailedException("file", $"The header line is longer than {maxRecordChars:N0} characters.");
            CsvHeader.Check(row[0..row.ColCount].ToStringsArray(), blankRepeats: false);
            return;
        }
    }

    /// <summary>The data rows in file order; blank lines are skipped.</summary>
    public IEnumerable<RawRow> ReadRows()
    {
        var width = Headers.Count;
        foreach (var row in sep)
        {
            var line = row.LineNumberFrom + capped.SkippedLinesBefore(row.RowIndex);
            if (capped.TryTakeTruncated(row.RowIndex))
            {
                yield return new RawRow(line, [], $"The row is longer than {capped.MaxRecordChars:N0} characters (a missing closing quote, or not a CSV row); it was skipped up to its end.");
                continue;
            }
            if (row.ColCount == 1 && row.Span.Trim().Length == 0) continue;
            var fields = row[0..row.ColCount].ToStringsArray();
            // Our exports put an apostrophe before cells a spreadsheet would run as formulas; this
            // takes it off again, so an export imports back as the same leads.
            CsvText.RestoreFormulas(fields);
            var bad = row.Span.IndexOfAny('\uFFFD', '\0');
            if (bad >= 0 && row.Span[bad] == '\0')
                yield return new RawRow(line, fields, "The row holds a NUL character, which no text field can store.");
            else if (bad >= 0)
                yield return new RawRow(line, fields, "The row holds bytes that are not valid UTF-8; save the file as UTF-8.");
            else if (row.ColCount != width)
                yield return new RawRow(line, fields, $"The row has {row.ColCount} fields; the header has {width}.");
            else
                yield return new RawRow(line, fields, null);
        }
    }

    public void Dispose()
    {
        sep.Dispose();
        capped.Dispose();
        file.Dispose();
    }
}
