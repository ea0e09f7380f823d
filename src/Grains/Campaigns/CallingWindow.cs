using System.Globalization;

namespace ContactCenter.Grains.Campaigns;

/// <summary>The hours, in each lead's own time zone, when the lead may be called ("08:00" to "21:00").</summary>
[GenerateSerializer, Immutable, Alias("cc.CallingWindow")]
public sealed record CallingWindow
{
    [Id(0)] public string Start { get; init; } = "08:00";
    [Id(1)] public string End { get; init; } = "21:00";

    public TimeOnly StartTime => TimeOnly.ParseExact(Start, "HH:mm", CultureInfo.InvariantCulture);
    public TimeOnly EndTime => TimeOnly.ParseExact(End, "HH:mm", CultureInfo.InvariantCulture);

    public IEnumerable<(string Field, string Message)> Validate()
    {
        var okStart = TimeOnly.TryParseExact(Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s);
        var okEnd = TimeOnly.TryParseExact(End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e);
        if (!okStart) yield return ("callingWindow.start", "Use HH:mm, e.g. 08:00.");
        if (!okEnd) yield return ("callingWindow.end", "Use HH:mm, e.g. 21:00.");
        if (okStart && okEnd && e <= s) yield return ("callingWindow.end", "The window must end after it starts.");
    }
}
