namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// Why a Running campaign dials nothing right now, and until when if that is known: instead of a silent empty
/// hopper, the stats and the dashboard say "all due leads are outside calling hours until 08:00 America/New_York".
/// </summary>
/// <param name="Reason">noAgentsLoggedIn, noReadyAgents, outsideCallingHours, waitingForRetries or noCallableLeads.</param>
/// <param name="Message">The same for people.</param>
/// <param name="Until">When dialing may resume on its own; null when it takes someone's action.</param>
[GenerateSerializer, Immutable, Alias("cc.DialingIdle")]
public sealed record DialingIdle([property: Id(0)] string Reason, [property: Id(1)] string Message, [property: Id(2)] DateTimeOffset? Until = null)
{
    /// <summary>Why a Running campaign with nothing in flight dials nothing; null while it dials (or is not Running).</summary>
    public static DialingIdle? Of(CampaignState s, Pacing.Hopper hopper, bool previewsOnScreen, long remaining, DateTimeOffset now)
    {
        if (s.Status != CampaignStatus.Running || s.ActiveCalls.Count > 0 || previewsOnScreen) return null;
        if (s.Definition.DialerType != DialerType.Broadcast)
        {
            if (s.Agents.Count == 0) return NoAgentsLoggedIn();
            if (!s.Agents.ContainsValue(Agents.AgentStatus.Ready)) return NoReadyAgents();
        }
        if (hopper.Count > 0) return null;
        if (hopper.NextCallable is { } next) return Waiting(next);
        // Nothing found and no time at which something will be: every lead left is out of reach (until someone acts).
        return remaining == 0 || now >= hopper.NextClaimAt ? null : NoCallableLeads();
    }

    public static DialingIdle NoAgentsLoggedIn() => new("noAgentsLoggedIn", "No agents are logged in.");

    public static DialingIdle NoReadyAgents() => new("noReadyAgents", "No agent is Ready.");

    public static DialingIdle NoCallableLeads() =>
        new("noCallableLeads", "No lead is callable: the rest are final, on a DNC list or out of attempts.");

    /// <summary>Nothing callable until <paramref name="next"/>, told in the deciding lead's own zone.</summary>
    public static DialingIdle Waiting(Pacing.NextCallable next)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(next.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(next.At, zone);
        var when = local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + next.TimeZone;
        return next.WaitsForCallingHours
            ? new("outsideCallingHours", $"All due leads are outside calling hours until {when}.", next.At)
            : new("waitingForRetries", $"No lead is due before {when} (retries and callbacks).", next.At);
    }
}
