using System.Text.RegularExpressions;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Reads yes or no from an answer; "no" wins over a polite "yes, no thanks" only when it comes first.</summary>
public static partial class YesNoParser
{
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "ya", "yah", "sure", "correct", "right", "absolutely", "definitely", "okay", "ok",
        "certainly", "affirmative", "indeed", "fine", "alright", "exactly",
    };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
    {
        "no", "nope", "nah", "not", "never", "negative", "incorrect", "wrong", "don't", "dont",
    };

    /// <summary>True/false for yes/no, null when the answer is neither or both at once.</summary>
    public static bool? Parse(string text)
    {
        var words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var firstYes = words.FindIndex(Yes.Contains);
        var firstNo = words.FindIndex(No.Contains);
        return (firstYes, firstNo) switch
        {
            (< 0, < 0) => null,
            (>= 0, < 0) => true,
            (< 0, >= 0) => false,
            // "not sure" / "not right": a negator just before a yes-word negates it.
            _ when firstNo == firstYes - 1 => false,
            // "yes no" — the caller corrected themselves or the recogniser heard both; ask again.
            _ => null,
        };
    }

    /// <summary>Keys 1 and 2 mean yes and no on every yes/no prompt.</summary>
    public static bool? ParseDtmf(string digits) => digits.Trim() switch
    {
        "1" => true,
        "2" => false,
        _ => null,
    };

    [GeneratedRegex(@"[a-z]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();
}
