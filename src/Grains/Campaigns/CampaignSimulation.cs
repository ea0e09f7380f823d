using ContactCenter.Grains.Common;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Campaigns;

/// <summary>A campaign's simulated-carrier profile (see <see cref="SimulationProfile"/>), stored with the campaign.</summary>
[GenerateSerializer, Immutable, Alias("cc.CampaignSimulation")]
public sealed record CampaignSimulation
{
    [Id(0)] public double AnswerRate { get; init; } = 0.6;
    [Id(1)] public double BusyRate { get; init; } = 0.1;
    [Id(2)] public double NoAnswerRate { get; init; } = 0.2;
    [Id(3)] public double VoicemailRate { get; init; } = 0.1;
    [Id(4)] public double FailureRate { get; init; }
    [Id(5)] public double RingSeconds { get; init; } = 3;
    [Id(6)] public double TalkSeconds { get; init; } = 20;
    [Id(7)] public int Seed { get; init; } = 1;
    /// <summary>
    /// Broadcast dialer: how simulated people answer the AI agent. Each entry is one behaviour, a list of replies given
    /// turn by turn (words, <c>dtmf:9</c> for keys, <c>(silence)</c>, <c>(hangup)</c>); each call gets one behaviour,
    /// chosen from the seed and the lead. When a behaviour runs out of replies the person hangs up.
    /// </summary>
    [Id(8), TextLimit(ContactCenter.Grains.Broadcast.Calls.SimulatedCaller.MaxReplyLength)] public List<List<string>>? CallerReplies { get; init; }

    /// <summary>Messages for caller replies that are too many, too long or malformed.</summary>
    public IEnumerable<string> ValidateCallerReplies() => ContactCenter.Grains.Broadcast.Calls.SimulatedCaller.Validate(CallerReplies);

    public SimulationProfile ToProfile() => new()
    {
        AnswerRate = AnswerRate, BusyRate = BusyRate, NoAnswerRate = NoAnswerRate, VoicemailRate = VoicemailRate,
        FailureRate = FailureRate, RingSeconds = RingSeconds, TalkSeconds = TalkSeconds, Seed = Seed,
    };
}
