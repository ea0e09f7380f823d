using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Trunks;

namespace ContactCenter.Grains.Campaigns;

/// <summary>Everything a supervisor configures on a campaign.</summary>
[GenerateSerializer, Immutable, Alias("cc.CampaignDefinition")]
public sealed record CampaignDefinition
{
    [Id(0), TextLimit(TextLimits.Name)] public string Name { get; init; } = "";
    [Id(1)] public DialerType DialerType { get; init; } = DialerType.Preview;
    /// <summary>Number presented to the called party, E.164.</summary>
    [Id(2), TextLimit(TextLimits.Phone)] public string? CallerId { get; init; }
    /// <summary>Attached lead lists, dialed in this priority order.</summary>
    [Id(3)] public List<long> ListIds { get; init; } = [];
    /// <summary>Agents allowed to log in; empty means any agent.</summary>
    [Id(4), TextLimit(TextLimits.Id)] public List<string> AgentIds { get; init; } = [];
    [Id(5)] public List<Disposition> Dispositions { get; init; } = DispositionSet.CreateDefaults();
    [Id(6)] public CallingWindow CallingWindow { get; init; } = new();
    [Id(7)] public RetryPolicy Retry { get; init; } = new();
    /// <summary>Seconds an agent may stay in WrapUp before the default disposition is applied; null waits forever.</summary>
    [Id(8)] public int? WrapUpTimeoutSeconds { get; init; }
    [Id(9)] public int RingTimeoutSeconds { get; init; } = 30;
    [Id(10)] public CampaignSimulation? Simulation { get; init; }
    /// <summary>Preview dialer: seconds an agent may look at a lead before it goes back to the hopper.</summary>
    [Id(11)] public int PreviewTimeoutSeconds { get; init; } = 120;
    /// <summary>Broadcast dialer: the AI agent script that holds the conversations (required for Broadcast).</summary>
    [Id(12), TextLimit(TextLimits.Id)] public string? AgentScriptId { get; init; }
    /// <summary>Broadcast dialer: a pinned script version; null follows the latest version.</summary>
    [Id(13)] public int? AgentScriptVersion { get; init; }
    /// <summary>Broadcast dialer: most new calls started per second (token bucket).</summary>
    [Id(14)] public double MaxCallsPerSecond { get; init; } = 5;
    /// <summary>Broadcast dialer: most calls of this campaign in flight at once.</summary>
    [Id(15)] public int MaxConcurrentCalls { get; init; } = 50;
    /// <summary>Broadcast dialer: the trunk whose channels the calls use (see <see cref="ITrunkGrain"/>); null is the default trunk.</summary>
    [Id(16), TextLimit(TextLimits.Id)] public string? Trunk { get; init; }
    /// <summary>
    /// Screen answered calls for answering machines (a machine ends as Voicemail, never reaches an
    /// agent); null follows the SIP trunk's setting (ContactCenter:Sip:AnsweringMachineDetection).
    /// </summary>
    [Id(40)] public bool? AnsweringMachineDetection { get; init; }
    /// <summary>Predictive dialer: abandon target and the estimator's settings (defaults when null).</summary>
    [Id(41)] public PredictiveSettings? Predictive { get; init; }
    /// <summary>
    /// Auto and Predictive: what an answered call that no agent can take hears before we hang up (the safe-harbor
    /// message: who is calling, a number to call back, how to opt out), spoken by our text-to-speech; null ends the
    /// call without a word.
    /// </summary>
    [Id(42), TextLimit(MaxSafeHarborLength)] public string? SafeHarborMessage { get; init; }

    public const int MaxSafeHarborLength = 1000;

    /// <summary>
    /// Minutes a due personal callback waits for its agent when that agent is not logged in to the campaign, before
    /// any agent may take it (a campaign callback from then). While its agent is logged in it waits for them.
    /// </summary>
    [Id(43)] public int PersonalCallbackWaitMinutes { get; init; } = 60;

    /// <summary>
    /// Local presence: numbers presented by the lead's area code, then region, each under a daily cap and rest
    /// period; <see cref="CallerId"/> is presented when none fits or all are capped. Null presents <see cref="CallerId"/> always.
    /// </summary>
    [Id(44)] public CallerIdPool? CallerIdPool { get; init; }

    /// <summary>
    /// Auto and Predictive: an answered call not connected to an agent within this many seconds counts as abandoned
    /// (the US rule: 2 s after the greeting), even when an agent takes it later.
    /// </summary>
    [Id(45)] public double AbandonAfterSeconds { get; init; } = 2;

    /// <summary>The longest simulated ring or talk time: a day.</summary>
    public const int MaxSimulatedSeconds = 86_400;

    public void Validate()
    {
        var v = new Validation();
        v.Require(!string.IsNullOrWhiteSpace(Name), "name", "A name is required.");
        v.Require(Name is null || Name.Length <= 200, "name", "The name is longer than 200 characters.");
        v.Require(Enum.IsDefined(DialerType), "dialerType", "Use Preview, Auto, Predictive or Broadcast.");
        v.Require(CallerId is null || System.Text.RegularExpressions.Regex.IsMatch(CallerId, @"^\+?[0-9]{3,15}$"), "callerId", "A caller ID is a phone number such as +15551234567.");
        v.Require(ListIds is not null && ListIds.All(id => id > 0) && ListIds.Distinct().Count() == ListIds.Count, "listIds", "List ids must be positive and listed once.");
        v.Require(AgentIds is not null && AgentIds.All(a => !string.IsNullOrWhiteSpace(a)), "agentIds", "Agent ids must not be empty.");
        v.Require(Dispositions is { Count: > 0 }, "dispositions", "At least one disposition is required.");
        v.Require(Dispositions is null || Dispositions.Select(d => d.Name?.Trim().ToLowerInvariant()).Distinct().Count() == Dispositions.Count, "dispositions", "Disposition names must be unique.");
        v.Require(Dispositions is null || Dispositions.All(d => !string.IsNullOrWhiteSpace(d.Name)), "dispositions", "Every disposition needs a name.");
        if (Dispositions is not null) foreach (var (field, message) in DispositionSet.Validate(Dispositions)) v.Add(field, message);
        foreach (var (field, message) in (CallingWindow ?? new()).Validate()) v.Add(field, message);
        foreach (var (field, message) in (Retry ?? new()).Validate()) v.Add(field, message);
        v.Require(WrapUpTimeoutSeconds is null or (>= 1 and <= 3600), "wrapUpTimeoutSeconds", "Must be between 1 and 3600 seconds.");
        v.Require(RingTimeoutSeconds is >= 5 and <= 120, "ringTimeoutSeconds", "Must be between 5 and 120 seconds.");
        v.Require(PreviewTimeoutSeconds is >= 5 and <= 3600, "previewTimeoutSeconds", "Must be between 5 and 3600 seconds.");
        if (Simulation is { } sim)
        {
            foreach (var message in sim.ToProfile().Validate()) v.Add("simulation", message);
            // The carrier turns these into timers: a value past a day (or a lax reader's Infinity) would overflow them.
            v.Require(double.IsFinite(sim.RingSeconds) && sim.RingSeconds <= MaxSimulatedSeconds && double.IsFinite(sim.TalkSeconds) && sim.TalkSeconds <= MaxSimulatedSeconds,
                "simulation", $"RingSeconds and TalkSeconds must be finite and at most {MaxSimulatedSeconds} seconds.");
            foreach (var message in sim.ValidateCallerReplies()) v.Add("simulation.callerReplies", message);
        }
        foreach (var (field, message) in (Predictive ?? new()).Validate()) v.Add(field, message);
        if (CallerIdPool is { } pool) foreach (var (field, message) in pool.Validate()) v.Add(field, message);
        v.Require(AbandonAfterSeconds is >= 0 and <= 10, "abandonAfterSeconds", "Between 0 and 10 seconds.");
        v.Require(Predictive is null || Predictive.AgentWaitSeconds < AbandonAfterSeconds || Predictive.AgentWaitSeconds == 0, "predictive.agentWaitSeconds",
            "Shorter than abandonAfterSeconds: the safe-harbor message must start within it.");
        v.Require(PersonalCallbackWaitMinutes is >= 0 and <= 10_080, "personalCallbackWaitMinutes", "Between 0 and 10080 minutes (a week).");
        v.Require(SafeHarborMessage is null || SafeHarborMessage.Length <= MaxSafeHarborLength, "safeHarborMessage", $"At most {MaxSafeHarborLength} characters.");
        ValidateBroadcast(v);
        v.ThrowIfInvalid();
    }

    private void ValidateBroadcast(Validation v)
    {
        v.Require(DialerType != DialerType.Broadcast || !string.IsNullOrWhiteSpace(AgentScriptId), "agentScriptId", "A Broadcast campaign needs the id of its AI agent script.");
        v.Require(AgentScriptId is null || System.Text.RegularExpressions.Regex.IsMatch(AgentScriptId, "^[A-Za-z0-9_-]{1,64}$"), "agentScriptId", "A script id is 1 to 64 letters, digits, '-' or '_'.");
        v.Require(AgentScriptVersion is null or >= 1, "agentScriptVersion", "A script version is 1 or more.");
        v.Require(MaxCallsPerSecond is > 0 and <= 1000 && double.IsFinite(MaxCallsPerSecond), "maxCallsPerSecond", "Must be above 0 and at most 1000.");
        v.Require(MaxConcurrentCalls is >= 1 and <= 100_000, "maxConcurrentCalls", "Must be between 1 and 100000.");
        v.Require(Trunk is null || System.Text.RegularExpressions.Regex.IsMatch(Trunk, "^[A-Za-z0-9_.-]{1,64}$"), "trunk", "A trunk name is 1 to 64 letters, digits, '.', '-' or '_'.");
    }
}
