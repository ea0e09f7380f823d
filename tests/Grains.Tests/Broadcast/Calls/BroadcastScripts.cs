namespace ContactCenter.Grains.Tests.Broadcast.Calls;

/// <summary>The script the Broadcast dialer tests run, with codes from the campaigns' default dispositions.</summary>
internal static class BroadcastScripts
{
    public static string Renewal(string transferCampaign) => """
        version: 1
        name: Broadcast renewal
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
          - {id: transfer, kind: action, action: {type: transfer, campaign: TRANSFER_CAMPAIGN}}
          - {id: when, kind: collect, slot: day, prompt: What day should we call you back?, next: schedule}
          - {id: schedule, kind: action, action: {type: callback, dateSlot: day, timeOfDay: "10:00:00"}, next: bye}
          - {id: dnc, kind: action, action: {type: doNotCall}, next: bye}
          - {id: bye, kind: end, closing: Thank you. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you for your time. Goodbye.}
        """.Replace("TRANSFER_CAMPAIGN", transferCampaign, StringComparison.Ordinal);

    /// <summary>Simulated people, by behaviour index, and the campaign disposition each must end with.</summary>
    public static readonly (string[] Replies, string Disposition)[] Behaviours =
    [
        (["stop calling me"], "Do Not Call"),
        (["call me tomorrow", "tomorrow"], "Callback"),
        (["no thanks"], "Not Interested"),
        (["dtmf:1"], "Callback"), // transfer with nobody Ready: the script's transfer-failed code
        (["(silence)", "(silence)"], "No Answer"),
        (["(hangup)"], "No Answer"),
    ];
}
