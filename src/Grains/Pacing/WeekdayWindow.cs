using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Pacing;

/// <summary>A weekday whose calling hours differ from the campaign's default (or that is closed).</summary>
[GenerateSerializer, Immutable, Alias("cc.WeekdayWindow")]
public sealed record WeekdayWindow(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1), TextLimit(TextLimits.Code)] string? Start = null,
    [property: Id(2), TextLimit(TextLimits.Code)] string? End = null,
    [property: Id(3)] bool Closed = false);
