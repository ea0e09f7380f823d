using System.Text;
using System.Text.Unicode;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Decides how to decode an uploaded lead file, from its first bytes:
/// a UTF-8 or UTF-16 byte-order mark wins; text with NUL or many control bytes is refused as
/// binary (that is also what UTF-16 without a BOM looks like); text that is valid UTF-8 is
/// UTF-8; anything else is read as Latin-1 (ISO-8859-1), which is what spreadsheet exports on
/// Western-European systems usually are. A UTF-8 file with a stray invalid byte further down
/// keeps UTF-8: the decoder turns that byte into U+FFFD and the importer rejects that row.
/// </summary>
public static class CsvTextDecoder
{
    private const int SampleBytes = 64 * 1024;

    /// <summary>The encoding of the file, or a <see cref="ValidationFailedException"/> on field <c>file</c>.</summary>
    public static Encoding Detect(string path)
    {
        using var stream = File.OpenRead(path);
        var sample = new byte[(int)Math.Min(SampleBytes, stream.Length)];
        stream.ReadExactly(sample);
        return Detect(sample, truncated: stream.Length > sample.Length);
    }

    /// <summary>Decides from the first bytes; <paramref name="truncated"/> when the file goes on after them.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> sample, bool truncated = false)
    {
        if (sample.Length == 0) throw new ValidationFailedException("file", "The file is empty.");
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) throw new ValidationFailedException("file", "The file holds NUL bytes: it is binary, or UTF-16 without a byte-order mark. Save it as CSV in UTF-8.");
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) control++;
        }
        if (control > sample.Length / 100) throw new ValidationFailedException("file", "The file is binary, not CSV text.");
        // A sample cut from a longer file may end inside a multi-byte sequence: allow up to 3 cut bytes.
        for (var cut = 0; cut <= (truncated ? Math.Min(3, sample.Length - 1) : 0); cut++)
        {
            if (Utf8.IsValid(sample[..^cut])) return new UTF8Encoding(false);
        }
        return Encoding.Latin1;
    }

    /// <summary>A reader over the file in <paramref name="encoding"/>; the byte-order mark, if any, is skipped.</summary>
    public static StreamReader Open(Stream stream, Encoding encoding) =>
        new(stream, encoding, detectEncodingFromByteOrderMarks: encoding is UTF8Encoding or UnicodeEncoding, bufferSize: 64 * 1024);
}
