using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Reads a number said in digits ("42"), words ("forty two", "one hundred and five") or digit by digit ("four two").</summary>
public static partial class NumberParser
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["oh"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["a"] = 1,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> Scales = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000,
    };

    /// <summary>The first number in the text, or null.</summary>
    public static decimal? Parse(string text)
    {
        var lower = text.ToLowerInvariant();
        var digits = DigitPattern().Match(lower);
        if (digits.Success)
        {
            return decimal.Parse(digits.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        var words = WordPattern().Matches(lower).Select(m => m.Value).ToList();
        // "a" is a number only right before a scale word ("a hundred"), never on its own.
        var start = Enumerable.Range(0, words.Count).FirstOrDefault(
            i => words[i] == "a" ? i + 1 < words.Count && Scales.ContainsKey(words[i + 1]) : Units.ContainsKey(words[i]) || Tens.ContainsKey(words[i]),
            -1);
        if (start < 0)
        {
            return null;
        }

        var run = words.Skip(start).TakeWhile(w => Units.ContainsKey(w) || Tens.ContainsKey(w) || Scales.ContainsKey(w) || w == "and").ToList();
        while (run.Count > 0 && run[^1] == "and")
        {
            run.RemoveAt(run.Count - 1);
        }

        return IsDigitSequence(run) ? decimal.Parse(string.Concat(run.Select(w => Units[w])), CultureInfo.InvariantCulture) : Compose(run);
    }

    /// <summary>"four two one" is 421, said digit by digit as people read account numbers.</summary>
    private static bool IsDigitSequence(List<string> run) =>
        run.Count > 1 && run.All(w => Units.TryGetValue(w, out var v) && v < 10 && w != "a");

    private static decimal Compose(List<string> run)
    {
        long total = 0;
        long current = 0;
        foreach (var word in run)
        {
            if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
            }
            else if (Tens.TryGetValue(word, out var ten))
            {
                current += ten;
            }
            else if (word == "hundred")
            {
                current = Math.Max(current, 1) * 100;
            }
            else if (Scales.TryGetValue(word, out var scale))
            {
                total += Math.Max(current, 1) * scale;
                current = 0;
            }
        }

        return total + current;
    }

    [GeneratedRegex(@"-?\d[\d,]*(?:\.\d+)?")]
    private static partial Regex DigitPattern();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex WordPattern();
}
