using System.Globalization;
using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Turns an answer into a slot value in its canonical text form (yes/no, yyyy-MM-dd, invariant number, text).</summary>
public static class SlotValueParser
{
    /// <summary>Parses spoken text; null when the answer does not fit the slot.</summary>
    public static string? FromSpeech(SlotDefinition slot, string text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return slot.Type switch
        {
            SlotType.YesNo => YesNoParser.Parse(text) is { } yes ? (yes ? "yes" : "no") : null,
            SlotType.Date => DateParser.Parse(text, today)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SlotType.Number => InRange(slot, NumberParser.Parse(text)),
            _ => text.Trim(),
        };
    }

    /// <summary>Parses keyed digits; only yes/no (1/2) and number slots accept them.</summary>
    public static string? FromDtmf(SlotDefinition slot, string digits)
    {
        var trimmed = digits.Trim().TrimEnd('#');
        return slot.Type switch
        {
            SlotType.YesNo => YesNoParser.ParseDtmf(trimmed) is { } yes ? (yes ? "yes" : "no") : null,
            SlotType.Number when trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit) =>
                InRange(slot, decimal.Parse(trimmed, CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    /// <summary>How a stored value is read out in a prompt: dates as "Thursday, December 3".</summary>
    public static string Speakable(SlotDefinition? slot, string value) =>
        slot?.Type == SlotType.Date && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dddd, MMMM d", CultureInfo.InvariantCulture)
            : value;

    private static string? InRange(SlotDefinition slot, decimal? value)
    {
        if (value is not { } v || (slot.Min is { } min && v < min) || (slot.Max is { } max && v > max))
        {
            return null;
        }

        return v.ToString(CultureInfo.InvariantCulture);
    }
}
