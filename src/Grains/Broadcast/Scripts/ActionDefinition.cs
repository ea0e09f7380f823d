namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>The work an action node asks of the dialer.</summary>
public sealed record ActionDefinition
{
    /// <summary>What to do.</summary>
    public ActionType Type { get; init; }

    /// <summary>Transfer: the campaign whose human agents take the call.</summary>
    public string? Campaign { get; init; }

    /// <summary>Callback: a date slot holding the day the caller asked for (their day, in the lead's time zone).</summary>
    public string? DateSlot { get; init; }

    /// <summary>Callback: delay from now when no date slot is given or filled, e.g. <c>1.00:00:00</c> for a day.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// Callback: time of day on the lead's clock, e.g. <c>10:00:00</c>; with a date slot it defaults to 10 am. Without a
    /// day named, the callback is this time on the day <see cref="Delay"/> reaches, or the next such time to come.
    /// </summary>
    public TimeSpan? TimeOfDay { get; init; }

    /// <summary>Outcome recorded for the call; defaults to transferred, callback, dnc or hangup by type.</summary>
    public string? Outcome { get; init; }
}
