namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// The AI agent script of the Broadcast campaign and its simulated people. The transfer goes to a
/// campaign nobody works, so "yes" ends as a failed transfer and no Auto agent is taken away.
/// </summary>
public static class BroadcastScript
{
    public const string Id = "cluster-load-renewal";

    public const string Yaml = """
        version: 1
        name: Cluster load renewal
        greeting: Hello, this is Ava from Acme Insurance.
        start: offer
        intents:
          - {name: yes, examples: [yes, yes please, sure], dtmf: "1"}
          - {name: no, examples: [no, no thanks, I am not interested], dtmf: "2"}
          - {name: callback, examples: [call me back later, call me tomorrow, this is not a good time], dtmf: "3"}
          - {name: stop, examples: [stop calling me, take me off your list, do not call me again], dtmf: "9"}
        slots:
          - {name: day, type: date}
        globalIntents: {stop: dnc}
        retries: {maxNoInput: 1, maxNoMatch: 1}
        voicemail: {action: leaveMessage, message: Please call Acme Insurance back about your renewal.}
        dispositions:
          transferred: Sale
          callback: Callback
          dnc: Do Not Call
          not-interested: Not Interested
          hangup: No Answer
          no-response: No Answer
          voicemail: Voicemail
          completed: Sale
          transfer-failed: Callback
        nodes:
          - {id: offer, kind: ask, prompt: Would you like to talk to an agent about your renewal?, branches: {yes: transfer, no: goodbye, callback: when}}
          - {id: transfer, kind: action, action: {type: transfer, campaign: cluster-load-nobody}}
          - {id: when, kind: collect, slot: day, prompt: What day should we call you back?, next: schedule}
          - {id: schedule, kind: action, action: {type: callback, dateSlot: day, timeOfDay: "10:00:00"}, next: bye}
          - {id: dnc, kind: action, action: {type: doNotCall}, next: bye}
          - {id: bye, kind: end, closing: Thank you. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you for your time. Goodbye.}
        """;

    /// <summary>One behaviour per simulated person; a call picks one from the seed and its lead id.</summary>
    public static List<List<string>> Callers() =>
    [
        ["please stop calling me"],
        ["could you call me tomorrow", "tomorrow"],
        ["no thanks"],
        ["dtmf:1"],
        ["(silence)", "(silence)"],
        ["(hangup)"],
    ];
}
