namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>The benchmark's agent script and its simulated people (paraphrases, not the script's own examples).</summary>
public static class LoadScript
{
    public const string Yaml = """
        version: 1
        name: Renewal reminder
        greeting: Hello, this is Ava calling from Acme Insurance.
        start: offer
        intents:
          - {name: yes, examples: [yes, yes please, sure, okay, that works, go ahead], dtmf: "1"}
          - {name: no, examples: [no, no thanks, not really, I am not interested], dtmf: "2"}
          - {name: callback, examples: [call me back later, can you call me tomorrow, this is not a good time, ring me next week], dtmf: "3"}
          - {name: stop, examples: [stop calling me, take me off your list, do not call me again, remove my number], dtmf: "9"}
        slots:
          - {name: day, type: date}
        globalIntents: {stop: dnc}
        retries: {maxNoInput: 1, maxNoMatch: 1}
        voicemail: {action: leaveMessage, message: Please call Acme Insurance back about your renewal.}
        dispositions: {transferred: Sale, callback: Callback, dnc: Do Not Call, not-interested: Not Interested, hangup: No Answer, no-response: No Answer}
        nodes:
          - {id: offer, kind: ask, prompt: Your policy renews next month. Would you like to speak with an agent about it now?, branches: {yes: transfer, no: goodbye, callback: when}}
          - {id: transfer, kind: action, action: {type: transfer, campaign: renewals-team}}
          - {id: when, kind: collect, slot: day, prompt: What day should we call you back?, next: schedule}
          - {id: schedule, kind: action, action: {type: callback, dateSlot: day, timeOfDay: "10:00:00"}, next: bye}
          - {id: dnc, kind: action, action: {type: doNotCall}, next: bye}
          - {id: bye, kind: end, closing: Thank you. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you for your time. Goodbye.}
        """;

    /// <summary>Simulated people; a contact takes one by its index.</summary>
    public static readonly string[][] Behaviours =
    [
        ["please stop calling me"],
        ["could you ring me tomorrow", "tomorrow"],
        ["no I'm not interested"],
        ["yes sure"],
        ["dtmf:1"],
        ["this isn't a good time", "next friday"],
        ["(silence)", "(silence)"],
        ["hmm what", "no thanks"],
        ["(hangup)"],
    ];

    /// <summary>Caller lines for the speech benchmark.</summary>
    public static readonly string[] CallerLines =
    [
        "yes please", "sure", "no thank you", "I am not interested", "call me back later",
        "can you call me tomorrow", "this is not a good time", "stop calling me", "take me off your list", "remove my number",
    ];

    /// <summary>Agent lines for the speech benchmark: what the script says, plus a rendered date.</summary>
    public static readonly string[] AgentLines =
    [
        "Hello, this is Ava calling from Acme Insurance.",
        "Your policy renews next month. Would you like to speak with an agent about it now?",
        "What day should we call you back?",
        "Thanks, we will call you on Friday, November 27 at ten. Goodbye.",
        "Thank you for your time. Goodbye.",
        "Sorry, I did not understand. Would you like to speak with an agent about your renewal?",
    ];
}
