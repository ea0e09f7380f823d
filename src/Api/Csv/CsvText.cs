namespace ContactCenter.Api.Csv;

/// <summary>
/// RFC 4180 §2 quoting for CSV we write: a field with a comma, quote or line break is quoted, its
/// quotes doubled. Fields a spreadsheet would run as a formula are written with a leading apostrophe.
/// </summary>
/// <remarks>
/// <para>
/// Formula injection (OWASP "CSV Injection"): lead names, comments and import rows come from outside,
/// and a cell such as <c>=HYPERLINK(...)</c> or <c>+cmd|' /C calc'!A0</c> in an export would run in
/// the spreadsheet of whoever opens it. A cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return gets a leading <c>'</c>, which spreadsheets take as "this is text".
/// </para>
/// <para>
/// A plain number (digits with an optional sign and decimals, so every E.164 phone number such as
/// <c>+12127340199</c>) is left alone: a spreadsheet reads it as a number, nothing in it can call a
/// function, and phone columns stay as every other tool expects them. A value that already starts
/// with apostrophes before such a character gets one more, so that
/// <see cref="RestoreFormula"/>, which the lead import applies, gives back exactly what was exported.
/// </para>
/// </remarks>
public static class CsvText
{
    private const char Escape = '\'';

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    private static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    public static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (NeedsFormulaEscape(value)) value = Escape + value;
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

    /// <summary>
    /// Whether a spreadsheet could take <paramref name="value"/> for a formula: it starts (after any
    /// apostrophes) with <c>= + - @</c>, tab or carriage return, and is not a plain number.
    /// </summary>
    public static bool NeedsFormulaEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var apostrophes = value.AsSpan().IndexOfAnyExcept(Escape);
        if (apostrophes < 0 || !FormulaStarts.Contains(value[apostrophes])) return false;
        return apostrophes > 0 || !IsPlainNumber(value);
    }

    /// <summary>
    /// Undoes <see cref="WriteField"/>'s apostrophe: a field whose apostrophe is followed (after any
    /// further apostrophes) by a formula character loses that one apostrophe. Other fields come back
    /// as they are, so a file from elsewhere with <c>'+1 212 555 0100</c> reads as the number.
    /// </summary>
    public static string RestoreFormula(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Length < 2 || field[0] != Escape) return field;
        var next = field.AsSpan(1).IndexOfAnyExcept(Escape);
        return next >= 0 && FormulaStarts.Contains(field[1 + next]) ? field[1..] : field;
    }

    /// <summary><see cref="RestoreFormula"/> on every field, in place.</summary>
    public static void RestoreFormulas(string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { Length: > 1 } field && field[0] == Escape) fields[i] = RestoreFormula(field);
        }
    }

    // Optional sign, digits, optional decimals: "+12127340199", "-5", "0.25". Nothing that names a
    // function, a reference or an operator between operands.
    private static bool IsPlainNumber(string value)
    {
        var span = value.AsSpan(value[0] is '+' or '-' ? 1 : 0);
        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        return whole.Length > 0 && !whole.ContainsAnyExceptInRange('0', '9')
            && (point < 0 || (fraction.Length > 0 && !fraction.ContainsAnyExceptInRange('0', '9')));
    }
}
