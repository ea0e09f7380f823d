namespace ContactCenter.VoiceAgentLoad;

/// <summary>
/// The AI agent's script: greeting and question, a follow-up question, a closing. The callees say "yes please" and
/// then "no thank you", so a conversation heard right ends at <c>letter</c> with <see cref="ExpectedDisposition"/>
/// and the intents yes, no; any other disposition means an answer was misheard, missed or cut off.
/// </summary>
public static class LoadScript
{
    public const string ExpectedDisposition = "Sale";

    public static readonly string[] ExpectedIntents = ["yes", "no"];

    public const string Yaml = """
        version: 1
        name: voice agent load
        greeting: Hello, this is Ava from Acme.
        start: ask
        intents:
          - {name: yes, examples: [yes, yes please, sure]}
          - {name: no, examples: [no, no thank you, not interested]}
        retries: {maxNoInput: 1, maxNoMatch: 1}
        dispositions:
          interested: Sale
          emailed: Emailed
          not-interested: Not Interested
          hangup: No Answer
          no-response: No Answer
          voicemail: Voicemail
        nodes:
          - {id: ask, kind: ask, prompt: Are you interested?, branches: {yes: email, no: goodbye}}
          - {id: email, kind: ask, prompt: Shall we email you the details?, branches: {yes: emailed, no: letter}}
          - {id: emailed, kind: end, outcome: emailed, closing: Great. Goodbye.}
          - {id: letter, kind: end, outcome: interested, closing: "Fine, we will send a letter. Goodbye."}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you. Goodbye.}
        """;
}
