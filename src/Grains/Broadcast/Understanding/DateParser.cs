using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Reads a calendar day from what a caller says, relative to today: "today", "tomorrow", "the day after tomorrow",
/// "friday", "next monday", "next week", "in three days", "december 3rd", "the 3rd of december", "the fifth",
/// "12/03" (month/day), "2026-12-03". Dates without a year that have passed roll into next year, because a callback
/// is always in the future.
/// </summary>
public static partial class DateParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, int> Ordinals = BuildOrdinals();

    /// <summary>The day meant, or null when the text names none.</summary>
    public static DateOnly? Parse(string text, DateOnly today)
    {
        var lower = text.ToLowerInvariant();
        if (IsoPattern().Match(lower) is { Success: true } iso
            && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        if (SlashPattern().Match(lower) is { Success: true } slash)
        {
            return MonthDay(int.Parse(slash.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(slash.Groups[2].Value, CultureInfo.InvariantCulture), today);
        }

        var words = WordPattern().Matches(lower).Select(m => m.Value).ToList();
        return Relative(words, today) ?? Calendar(words, today);
    }

    private static DateOnly? Relative(List<string> words, DateOnly today)
    {
        var joined = string.Join(' ', words);
        if (joined.Contains("day after tomorrow", StringComparison.Ordinal))
        {
            return today.AddDays(2);
        }

        if (words.Contains("tomorrow"))
        {
            return today.AddDays(1);
        }

        if (words.Contains("today") || joined.Contains("this afternoon", StringComparison.Ordinal) || joined.Contains("this evening", StringComparison.Ordinal) || words.Contains("tonight"))
        {
            return today;
        }

        var inIndex = words.IndexOf("in");
        if (inIndex >= 0 && inIndex + 2 < words.Count && NumberParser.Parse(words[inIndex + 1]) is { } n && n is > 0 and < 400)
        {
            var unit = words[inIndex + 2];
            if (unit.StartsWith("day", StringComparison.Ordinal))
            {
                return today.AddDays((int)n);
            }

            if (unit.StartsWith("week", StringComparison.Ordinal))
            {
                return today.AddDays(7 * (int)n);
            }
        }

        if (joined.Contains("in a week", StringComparison.Ordinal) || joined.Contains("next week", StringComparison.Ordinal))
        {
            return today.AddDays(7);
        }

        if (joined.Contains("next month", StringComparison.Ordinal))
        {
            return today.AddMonths(1);
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (Enum.TryParse<DayOfWeek>(words[i], ignoreCase: true, out var day) && !int.TryParse(words[i], out _))
            {
                var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
                // "monday" on a Monday means next week's; "next friday" on a Wednesday is this coming Friday in common use.
                return today.AddDays(ahead == 0 ? 7 : ahead);
            }
        }

        return null;
    }

    private static DateOnly? Calendar(List<string> words, DateOnly today)
    {
        var month = words.FindIndex(w => Array.IndexOf(MonthNames, w) >= 0);
        var day = DayNumber(words, month);
        if (month >= 0 && day is { } d)
        {
            return MonthDay(Array.IndexOf(MonthNames, words[month]) + 1, d, today);
        }

        if (month < 0 && day is { } dayOnly && words.Contains("the"))
        {
            // "the fifth": the next fifth of a month, this month if still ahead.
            var candidate = SafeDate(today.Year, today.Month, dayOnly);
            if (candidate is { } c && c >= today)
            {
                return c;
            }

            var next = today.AddMonths(1);
            return SafeDate(next.Year, next.Month, dayOnly);
        }

        return null;
    }

    private static int? DayNumber(List<string> words, int monthIndex)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (i == monthIndex)
            {
                continue;
            }

            if (OrdinalDigits().Match(words[i]) is { Success: true } m)
            {
                return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            // "twenty first" arrives as two words from a recogniser.
            if (i + 1 < words.Count && Ordinals.TryGetValue($"{words[i]} {words[i + 1]}", out var two))
            {
                return two;
            }

            if (Ordinals.TryGetValue(words[i], out var one))
            {
                return one;
            }

            if (monthIndex >= 0 && Math.Abs(i - monthIndex) <= 2 && int.TryParse(words[i], out var plain) && plain is >= 1 and <= 31)
            {
                return plain;
            }
        }

        return null;
    }

    private static DateOnly? MonthDay(int month, int day, DateOnly today)
    {
        if (SafeDate(today.Year, month, day) is not { } date)
        {
            return null;
        }

        return date < today ? SafeDate(today.Year + 1, month, day) : date;
    }

    private static DateOnly? SafeDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static Dictionary<string, int> BuildOrdinals()
    {
        string[] first = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < first.Length; i++)
        {
            map[first[i]] = i + 1;
        }

        map["twentieth"] = 20;
        map["thirtieth"] = 30;
        for (var i = 0; i < 9; i++)
        {
            map[$"twenty {first[i]}"] = 21 + i;
        }

        map["thirty first"] = 31;
        return map;
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"\b(\d{1,2})/(\d{1,2})\b")]
    private static partial Regex SlashPattern();

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)$")]
    private static partial Regex OrdinalDigits();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex WordPattern();
}
