namespace ContactCenter.Grains.Dispositions;

/// <summary>The dispositions a campaign offers when none are configured, and the rules of a set.</summary>
public static class DispositionSet
{
    /// <summary>
    /// A new list each time: campaigns keep their own copy in state, and a shared static list would
    /// be one object under every campaign.
    /// </summary>
    public static List<Disposition> CreateDefaults() =>
    [
        new("Sale", Final: true),
        new("Not Interested", Final: true),
        new("Callback", SchedulesCallback: true),
        new("Wrong Number", Final: true),
        new("Do Not Call", Final: true, AddsToDnc: true),
        new("No Answer", Retry: true),
        new("Busy", Retry: true),
        new("Voicemail", Retry: true),
        // In the set, so that what a timeout records is one of the campaign's dispositions, reported and recycled like the others.
        new(WrapUpTimeoutDefault, Retry: true, WrapUpTimeout: true),
    ];

    /// <summary>A disposition of the set by name, as agents type it (case and surrounding spaces aside).</summary>
    public static Disposition? Find(IEnumerable<Disposition> set, string? name) =>
        set.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The disposition the system records on an answered call no agent took (abandoned): nobody is left to
    /// choose one, and the lead is tried again under the retry rules rather than left Contacted for good.
    /// </summary>
    public static readonly Disposition Abandoned = new("Abandoned", Retry: true);

    /// <summary>The name recorded when an agent gives no disposition and the set flags none for it.</summary>
    public const string WrapUpTimeoutDefault = "No Disposition";

    /// <summary>
    /// What a wrap-up that ends without the agent's disposition records: the set's disposition flagged
    /// <see cref="Disposition.WrapUpTimeout"/>; for a set without one (campaigns saved before the flag),
    /// its "No Disposition" if it has one, else "No Disposition" as a retry, as it always was.
    /// </summary>
    public static Disposition ForWrapUpTimeout(IEnumerable<Disposition> set)
    {
        var dispositions = set as IReadOnlyCollection<Disposition> ?? [.. set];
        return dispositions.FirstOrDefault(d => d.WrapUpTimeout)
            ?? Find(dispositions, WrapUpTimeoutDefault)
            ?? new Disposition(WrapUpTimeoutDefault, Retry: true);
    }

    /// <summary>The rules of a campaign's set that concern the wrap-up timeout, as (field, message) pairs.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(IReadOnlyCollection<Disposition>? set)
    {
        if (set is null) yield break;
        var flagged = set.Where(d => d is { WrapUpTimeout: true }).ToList();
        if (flagged.Count > 1)
            yield return ("dispositions", $"At most one disposition may be the wrap-up timeout's; {string.Join(", ", flagged.Select(d => d.Name))} are.");
        // Nobody is there to give the time a callback needs: the lead would stay Contacted for good.
        if (flagged.FirstOrDefault(d => d.SchedulesCallback) is { } callback)
            yield return ("dispositions", $"The wrap-up timeout's disposition '{callback.Name}' cannot schedule a callback: nobody gives its time.");
    }
}
