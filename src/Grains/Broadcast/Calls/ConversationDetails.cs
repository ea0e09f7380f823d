using System.Text.Json;
using System.Text.Json.Serialization;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// What the AI agent's conversation leaves on the call record (<c>call_records.details</c>, served at
/// <c>GET /api/calls/{id}/conversation</c>).
/// </summary>
public sealed record ConversationDetails
{
    /// <summary>Always <c>broadcast</c>: other writers of the details column can tell the shapes apart.</summary>
    public string Kind { get; init; } = "broadcast";
    public required string ScriptId { get; init; }
    public required int ScriptVersion { get; init; }
    /// <summary>Simulated carrier: the index of the caller behaviour (<c>simulation.callerReplies</c>) this call got.</summary>
    public int? SimulatedBehaviour { get; init; }
    /// <summary>The conversation outcome (script-defined, or an engine outcome such as <c>hangup</c>).</summary>
    public required string Outcome { get; init; }
    /// <summary>The code the script maps the outcome to.</summary>
    public required string ScriptDisposition { get; init; }
    /// <summary>The campaign disposition applied to the lead; null while a human agent has the call, or for voicemail.</summary>
    public string? Disposition { get; init; }
    public required string Summary { get; init; }
    public required SentimentScore Sentiment { get; init; }
    public required IReadOnlyList<string> Intents { get; init; }
    public required IReadOnlyDictionary<string, string> Slots { get; init; }
    public required IReadOnlyList<ConversationAction> Actions { get; init; }
    public required IReadOnlyList<TranscriptEntry> Transcript { get; init; }
    /// <summary>Voicemail only: <c>leaveMessage</c> or <c>hangUp</c>, as the script said.</summary>
    public string? Voicemail { get; init; }
    /// <summary>Voicemail only: the message left.</summary>
    public string? VoicemailMessage { get; init; }
    /// <summary>Voicemail on a real call only: seconds of the message's audio sent into the call.</summary>
    public double? VoicemailSeconds { get; init; }
    public TransferRecord? Transfer { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>camelCase, enums as camelCase strings, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ConversationDetails From(BroadcastCall call, ConversationResult result, int? behaviour) => new()
    {
        ScriptId = call.ScriptId, ScriptVersion = call.ScriptVersion, SimulatedBehaviour = behaviour,
        Outcome = result.Outcome, ScriptDisposition = result.Disposition, Summary = result.Summary, Sentiment = result.Sentiment,
        Intents = result.Intents, Slots = result.Slots, Actions = result.Actions, Transcript = result.Transcript,
        StartedAt = result.StartedAt, EndedAt = result.EndedAt,
    };

    /// <summary>
    /// These details once the transfer the conversation ended with found no human agent: the outcome is
    /// <c>transfer-failed</c>, the script's code for it is <paramref name="code"/>, and the summary is told again from
    /// the same facts with the transfer not taken.
    /// </summary>
    public ConversationDetails AfterFailedTransfer(AgentScript script, string code) => this with
    {
        Outcome = BroadcastCallRunner.TransferFailedOutcome,
        ScriptDisposition = code,
        Summary = ConversationSummarizer.Summarize(script, BroadcastCallRunner.TransferFailedOutcome, code, Intents, Slots, Actions, Sentiment, EndedAt - StartedAt,
            transferTaken: false),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
