using System.Globalization;
using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The hours, in each lead's own time zone, when the lead may be called ("08:00" to "21:00"),
/// with optional per-weekday hours (shorter Saturdays, closed Sundays).
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.CallingWindow")]
public sealed record CallingWindow
{
    [Id(0), TextLimit(TextLimits.Code)] public string Start { get; init; } = "08:00";
    [Id(1), TextLimit(TextLimits.Code)] public string End { get; init; } = "21:00";
    [Id(2)] public List<WeekdayWindow> Weekdays { get; init; } = [];

    public TimeOnly StartTime => Parse(Start);
    public TimeOnly EndTime => Parse(End);

    /// <summary>Start and end per ISO weekday (index 0 = Monday … 6 = Sunday); a closed day is an empty range.</summary>
    public (TimeSpan Start, TimeSpan End)[] ByIsoWeekday()
    {
        var days = new (TimeSpan, TimeSpan)[7];
        for (var i = 0; i < 7; i++)
        {
            var day = (DayOfWeek)((i + 1) % 7);
            var special = Weekdays?.LastOrDefault(w => w.Day == day);
            days[i] = special switch
            {
                null => (StartTime.ToTimeSpan(), EndTime.ToTimeSpan()),
                { Closed: true } => (TimeSpan.Zero, TimeSpan.Zero),
                _ => (Parse(special.Start ?? Start).ToTimeSpan(), Parse(special.End ?? End).ToTimeSpan()),
            };
        }
        return days;
    }

    /// <summary>
    /// The first moment at or after <paramref name="from"/> when the window is open in every one of <paramref name="zones"/>
    /// (a lead whose number is on several clocks); null when they never are at once within a few weeks.
    /// </summary>
    public DateTimeOffset? NextOpeningInAll(DateTimeOffset from, IReadOnlyList<TimeZoneInfo> zones)
    {
        var at = from;
        // Each round moves to the next opening in a zone that is closed; an opening in one may close another.
        for (var round = 0; round < 64; round++)
        {
            var moved = false;
            foreach (var zone in zones)
            {
                if (NextOpening(at, zone) is not { } opens) return null;
                if (opens > at)
                {
                    at = opens;
                    moved = true;
                }
            }
            if (!moved) return at;
        }
        return null;
    }

    /// <summary>Whether a moment in the lead's local time is inside the window.</summary>
    public bool Allows(DateTime localTime)
    {
        var isoIndex = ((int)localTime.DayOfWeek + 6) % 7;
        var (start, end) = ByIsoWeekday()[isoIndex];
        return localTime.TimeOfDay >= start && localTime.TimeOfDay < end;
    }

    /// <summary>
    /// The first moment at or after <paramref name="from"/> when a lead in <paramref name="zone"/> may
    /// be called: <paramref name="from"/> itself inside the window, else the next opening within a
    /// week; null when every day is closed.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset from, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        if (Allows(local)) return from;
        var week = ByIsoWeekday();
        for (var day = 0; day <= 7; day++)
        {
            var date = local.Date.AddDays(day);
            var (start, end) = week[((int)date.DayOfWeek + 6) % 7];
            var opening = date + start;
            if (start >= end || opening <= local) continue;
            // An opening inside a spring-forward gap happens when the clocks have jumped past it.
            while (zone.IsInvalidTime(opening)) opening = opening.AddMinutes(15);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(opening, DateTimeKind.Unspecified), zone));
        }
        return null;
    }

    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var problem in ValidateRange("callingWindow", Start, End)) yield return problem;
        foreach (var (w, i) in (Weekdays ?? []).Select((w, i) => (w, i)))
        {
            if (!Enum.IsDefined(w.Day)) yield return ($"callingWindow.weekdays[{i}].day", "Use Monday … Sunday.");
            if (!w.Closed)
                foreach (var problem in ValidateRange($"callingWindow.weekdays[{i}]", w.Start ?? Start, w.End ?? End)) yield return problem;
        }
    }

    private static IEnumerable<(string Field, string Message)> ValidateRange(string prefix, string? start, string? end)
    {
        var okStart = TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s);
        var okEnd = TimeOnly.TryParseExact(end, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e);
        if (!okStart) yield return ($"{prefix}.start", "Use HH:mm, e.g. 08:00.");
        if (!okEnd) yield return ($"{prefix}.end", "Use HH:mm, e.g. 21:00.");
        if (okStart && okEnd && e <= s) yield return ($"{prefix}.end", "The window must end after it starts.");
    }

    private static TimeOnly Parse(string value) => TimeOnly.ParseExact(value, "HH:mm", CultureInfo.InvariantCulture);
}
