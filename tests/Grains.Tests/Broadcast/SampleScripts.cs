using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Tests.Broadcast;

/// <summary>A realistic renewal-reminder script used across the broadcast tests.</summary>
internal static class SampleScripts
{
    public const string RenewalYaml = """
        version: 1
        name: Renewal reminder
        goal: Remind the customer that the policy renews and offer a talk with an agent
        greeting: Hello, this is Ava calling from Acme Insurance.
        start: offer
        prompts:
          offer: Your policy renews next month. Would you like to speak with an agent about it now?
        intents:
          - name: yes
            examples: [yes, yes please, sure, okay, that works, go ahead]
            dtmf: "1"
          - name: no
            examples: [no, no thanks, not really, I am not interested]
            dtmf: "2"
          - name: callback
            examples: [call me back later, can you call me tomorrow, this is not a good time, ring me next week]
            dtmf: "3"
          - name: stop
            examples: [stop calling me, take me off your list, do not call me again, remove my number]
            dtmf: "9"
          - name: agent
            examples: [let me talk to a person, I want a human, representative please]
            dtmf: "0"
        slots:
          - name: day
            type: date
          - name: confirm
            type: yesNo
          - name: policies
            type: number
            min: 1
            max: 20
        globalIntents:
          stop: dnc
          agent: connect
        retries:
          maxNoInput: 2
          maxNoMatch: 1
          noInputPrompt: Sorry, I did not hear anything.
          noMatchPrompt: Sorry, I did not understand.
        closings:
          callback: Thanks, we will call you then. Goodbye.
          dnc: We have removed your number. Goodbye.
        voicemail:
          action: leaveMessage
          message: Hi, this is Acme Insurance about your renewal. Please call us back.
        dispositions:
          transferred: XFER
          callback: CALLBK
          dnc: DNC
          not-interested: NI
          no-response: NR
          hangup: HUP
          voicemail: VM
          completed: DONE
          script-error: ERR
        nodes:
          - id: offer
            kind: ask
            prompt: "@offer"
            branches: {yes: count, no: goodbye, callback: when}
          - id: count
            kind: collect
            slot: policies
            prompt: How many policies do you hold with us?
            next: connect
          - id: connect
            kind: say
            prompt: Please hold while I connect you.
            next: transfer
          - id: transfer
            kind: action
            action: {type: transfer, campaign: renewals-team}
          - id: when
            kind: collect
            slot: day
            prompt: What day should we call you back?
            next: confirm-day
            retries: {maxNoMatch: 2}
          - id: confirm-day
            kind: collect
            slot: confirm
            prompt: So we will call you on {day}. Is that right?
            next: check
          - id: check
            kind: branch
            conditions:
              - slot: confirm
                equalTo: yes
                goto: schedule
            else: when
          - id: schedule
            kind: action
            action: {type: callback, dateSlot: day, timeOfDay: "10:00:00"}
            next: bye-callback
          - id: bye-callback
            kind: end
            closing: callback
          - id: dnc
            kind: action
            action: {type: doNotCall}
            next: bye-dnc
          - id: bye-dnc
            kind: end
            closing: dnc
          - id: goodbye
            kind: end
            outcome: not-interested
            closing: Thank you for your time. Goodbye.
        """;

    public static AgentScript Renewal() => AgentScriptParser.Parse(RenewalYaml);

    /// <summary>Returns the script with one node replaced.</summary>
    public static AgentScript WithNode(this AgentScript script, string id, Func<ScriptNode, ScriptNode> change) =>
        script with { Nodes = script.Nodes.Select(n => n.Id == id ? change(n) : n).ToList() };
}
