namespace ContactCenter.Grains.Dispositions;

/// <summary>The dispositions a campaign offers when none are configured.</summary>
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
    ];

    /// <summary>A disposition of the set by name, as agents type it (case and surrounding spaces aside).</summary>
    public static Disposition? Find(IEnumerable<Disposition> set, string? name) =>
        set.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The disposition the system records on an answered call no agent took (abandoned): nobody is left to
    /// choose one, and the lead is tried again under the retry rules rather than left Contacted for good.
    /// </summary>
    public static readonly Disposition Abandoned = new("Abandoned", Retry: true);

    /// <summary>The disposition recorded when an agent lets the wrap-up timer run out.</summary>
    public const string WrapUpTimeoutDefault = "No Disposition";
}
