namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>
/// The wall clock where the person called lives: "tomorrow at ten" means their tomorrow and their ten o'clock,
/// whatever zone the silo runs in, across daylight-saving changes.
/// </summary>
public static class CallerClock
{
    /// <summary>The calendar day it is in <paramref name="zone"/> at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// The moment the clocks of <paramref name="zone"/> show <paramref name="timeOfDay"/> on <paramref name="day"/>,
    /// with that zone's offset. A time the clocks skip (spring forward) is taken as the moment they jump past it; a
    /// time they show twice (fall back) as the first of the two.
    /// </summary>
    public static DateTimeOffset At(DateOnly day, TimeSpan timeOfDay, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay), DateTimeKind.Unspecified);
        // Gaps are whole minutes in every zone in use; a day's worth of steps bounds the walk all the same.
        for (var step = 0; zone.IsInvalidTime(local) && step < 24 * 60; step++) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
