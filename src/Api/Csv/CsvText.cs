namespace ContactCenter.Api.Csv;

/// <summary>RFC 4180 §2 quoting for CSV we write: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
public static class CsvText
{
    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    public static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0 && value[0] != ' ' && value[^1] != ' ')
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public static void WriteRow(TextWriter writer, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            WriteField(writer, field);
            first = false;
        }
        writer.Write("\r\n");
    }
}
