using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;

namespace ContactCenter.Grains.Campaigns;

/// <summary>Everything a supervisor configures on a campaign.</summary>
[GenerateSerializer, Immutable, Alias("cc.CampaignDefinition")]
public sealed record CampaignDefinition
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public DialerType DialerType { get; init; } = DialerType.Preview;
    /// <summary>Number presented to the called party, E.164.</summary>
    [Id(2)] public string? CallerId { get; init; }
    /// <summary>Attached lead lists, dialed in this priority order.</summary>
    [Id(3)] public IReadOnlyList<long> ListIds { get; init; } = [];
    /// <summary>Agents allowed to log in; empty means any agent.</summary>
    [Id(4)] public IReadOnlyList<string> AgentIds { get; init; } = [];
    [Id(5)] public IReadOnlyList<Disposition> Dispositions { get; init; } = DispositionSet.Defaults;
    [Id(6)] public CallingWindow CallingWindow { get; init; } = new();
    [Id(7)] public RetryPolicy Retry { get; init; } = new();
    /// <summary>Seconds an agent may stay in WrapUp before the default disposition is applied; null waits forever.</summary>
    [Id(8)] public int? WrapUpTimeoutSeconds { get; init; }
    [Id(9)] public int RingTimeoutSeconds { get; init; } = 30;
    [Id(10)] public CampaignSimulation? Simulation { get; init; }
    /// <summary>Preview dialer: seconds an agent may look at a lead before it goes back to the hopper.</summary>
    [Id(11)] public int PreviewTimeoutSeconds { get; init; } = 120;
    /// <summary>
    /// Screen answered calls for answering machines (a machine ends as Voicemail, never reaches an
    /// agent); null follows the SIP trunk's setting (ContactCenter:Sip:AnsweringMachineDetection).
    /// </summary>
    [Id(40)] public bool? AnsweringMachineDetection { get; init; }

    public void Validate()
    {
        var v = new Validation();
        v.Require(!string.IsNullOrWhiteSpace(Name), "name", "A name is required.");
        v.Require(Name is null || Name.Length <= 200, "name", "The name is longer than 200 characters.");
        v.Require(Enum.IsDefined(DialerType), "dialerType", "Use Preview, Auto or Broadcast.");
        v.Require(CallerId is null || System.Text.RegularExpressions.Regex.IsMatch(CallerId, @"^\+?[0-9]{3,15}$"), "callerId", "A caller ID is a phone number such as +15551234567.");
        v.Require(ListIds is not null && ListIds.All(id => id > 0) && ListIds.Distinct().Count() == ListIds.Count, "listIds", "List ids must be positive and listed once.");
        v.Require(AgentIds is not null && AgentIds.All(a => !string.IsNullOrWhiteSpace(a)), "agentIds", "Agent ids must not be empty.");
        v.Require(Dispositions is { Count: > 0 }, "dispositions", "At least one disposition is required.");
        v.Require(Dispositions is null || Dispositions.Select(d => d.Name?.Trim().ToLowerInvariant()).Distinct().Count() == Dispositions.Count, "dispositions", "Disposition names must be unique.");
        v.Require(Dispositions is null || Dispositions.All(d => !string.IsNullOrWhiteSpace(d.Name)), "dispositions", "Every disposition needs a name.");
        foreach (var (field, message) in (CallingWindow ?? new()).Validate()) v.Add(field, message);
        foreach (var (field, message) in (Retry ?? new()).Validate()) v.Add(field, message);
        v.Require(WrapUpTimeoutSeconds is null or (>= 1 and <= 3600), "wrapUpTimeoutSeconds", "Must be between 1 and 3600 seconds.");
        v.Require(RingTimeoutSeconds is >= 5 and <= 120, "ringTimeoutSeconds", "Must be between 5 and 120 seconds.");
        v.Require(PreviewTimeoutSeconds is >= 5 and <= 3600, "previewTimeoutSeconds", "Must be between 5 and 3600 seconds.");
        if (Simulation is { } sim)
        {
            foreach (var message in sim.ToProfile().Validate()) v.Add("simulation", message);
        }
        v.ThrowIfInvalid();
    }

    public Disposition? FindDisposition(string name) =>
        Dispositions.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
