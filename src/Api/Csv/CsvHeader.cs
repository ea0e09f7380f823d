using ContactCenter.Api.Input;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Csv;

/// <summary>The rules for the header line of an uploaded CSV (lead and DNC imports).</summary>
public static class CsvHeader
{
    /// <summary>
    /// Refuses (400, field <c>file</c>) a header whose column names break <see cref="TextRules"/> or
    /// repeat: a name that appears twice (ignoring case and surrounding spaces) cannot be told apart
    /// by a mapping or as a custom field. Blank names are unnamed columns; <paramref name="blankRepeats"/>
    /// says whether several of them can be read.
    /// </summary>
    public static void Check(IReadOnlyList<string> names, bool blankRepeats = true)
    {
        var v = new Validation();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var blanks = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (TextRules.Check(names[i], TextLimits.Name) is { } problem)
            {
                v.Add("file", $"Column {i + 1} of the header: {problem}");
                continue;
            }
            var name = names[i].Trim();
            if (name.Length == 0)
            {
                blanks++;
                continue;
            }
            if (seen.TryGetValue(name, out var first))
                v.Add("file", $"The header names the column '{name}' more than once (columns {first + 1} and {i + 1}); column names must be unique.");
            else
                seen[name] = i;
        }
        v.Require(blankRepeats || blanks < 2, "file", $"The header has {blanks} columns without a name; name them or remove them (a trailing separator adds one).");
        v.ThrowIfInvalid();
    }
}
