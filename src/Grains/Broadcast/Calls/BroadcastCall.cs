using ContactCenter.Grains.Dispositions;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>What a Broadcast campaign tells a call about its AI agent.</summary>
/// <param name="ScriptId">The agent script.</param>
/// <param name="ScriptVersion">The exact version, resolved by the campaign when it dialed (a pinned one, or the latest then).</param>
/// <param name="Dispositions">The campaign's dispositions, which the script's codes are looked up in.</param>
/// <param name="TimeZone">
/// The lead's time zone (IANA), in which the days and times the person names are read ("call me tomorrow"); null
/// for the silo's own. The call fills it in when the person answers.
/// </param>
[GenerateSerializer, Immutable, Alias("cc.BroadcastCall")]
public sealed record BroadcastCall(
    [property: Id(0)] string ScriptId,
    [property: Id(1)] int ScriptVersion,
    [property: Id(2)] List<Disposition> Dispositions,
    [property: Id(3)] string? TimeZone = null)
{
    /// <summary>
    /// The zone of <see cref="TimeZone"/>: null when none is set; UTC for a name this system does not know, as the
    /// campaign's calling window counts such a lead.
    /// </summary>
    public TimeZoneInfo? CallerZone() =>
        TimeZone is null ? null : TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
