namespace ContactCenter.Grains.Leads;

/// <summary>A lead's place in the dialing life cycle (stored as text in <c>leads.status</c>).</summary>
public enum LeadStatus
{
    /// <summary>Callable when due (never dialed, or waiting for a retry).</summary>
    New,
    /// <summary>Taken into a campaign's hopper, about to be dialed.</summary>
    Queued,
    /// <summary>A call to it is live; no second one may start.</summary>
    Dialing,
    /// <summary>Answered; waiting for the agent's disposition.</summary>
    Contacted,
    /// <summary>A callback is scheduled.</summary>
    Callback,
    /// <summary>Finished: a final disposition or out of attempts.</summary>
    Done,
    /// <summary>On a do-not-call list; never dialed.</summary>
    DoNotCall,
}
