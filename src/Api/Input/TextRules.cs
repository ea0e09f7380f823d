namespace ContactCenter.Api.Input;

/// <summary>
/// What text from outside may hold, wherever it arrives (a body field, a path segment, a query value, an
/// upload part): at most its field's length, no NUL (PostgreSQL text cannot store it), no other control
/// characters (only tabs and line breaks, and only in free text), no lone UTF-16 surrogates.
/// </summary>
public static class TextRules
{
    /// <summary>The first thing wrong with <paramref name="value"/>, as a sentence for problem details; null when it is fine.</summary>
    public static string? Check(string value, int maxLength, bool multiline = false)
    {
        if (value.Length > maxLength) return $"At most {maxLength:N0} characters are allowed ({value.Length:N0} given).";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"Holds a lone UTF-16 surrogate at position {i}, which is not text.";
            if (c == '\0') return $"Holds a NUL character at position {i}, which no text field can store.";
            if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                return multiline
                    ? $"Holds the control character U+{(int)c:X4} at position {i}; only tabs and line breaks are allowed."
                    : $"Holds the control character U+{(int)c:X4} at position {i}; this field takes a single line of text.";
            }
        }
        return null;
    }
}
