using System.Collections.Concurrent;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// Runs the AI agent of one Broadcast call on the call's real audio: prompts rendered by text to speech and played
/// into the call, the caller's audio through <see cref="VoiceConversation"/> (voice activity, recognition against the
/// script's grammar, intent), turn after turn until the script ends, the caller hangs up or the time limit is reached.
/// </summary>
public sealed partial class VoiceCallRunner(
    ConversationSessionFactory sessions,
    AgentScriptCache scripts,
    ITextToSpeech speech,
    ISpeechRecognizer recognizer,
    TimeProvider time,
    ILogger<VoiceCallRunner> logger,
    VoiceCallOptions? options = null)
{
    private readonly VoiceCallOptions settings = options ?? new VoiceCallOptions();
    // The CMU dictionary is large: read it once, when the first voice call needs it.
    private readonly Lazy<PronunciationDictionary> dictionary = new(() => PronunciationDictionary.Load());
    private readonly ConcurrentDictionary<(string, int), JsgfGrammar> grammars = new();

    /// <summary>Holds the conversation on <paramref name="media"/> and returns its result; never hangs up itself.</summary>
    /// <exception cref="Common.EntityNotFoundException">The script version is gone.</exception>
    /// <exception cref="ArgumentException">The script cannot run or none of its examples can be recognised.</exception>
    public async Task<BroadcastRun> RunAsync(BroadcastCall call, CallMedia media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(media);
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        var grammar = grammars.GetOrAdd((call.ScriptId, call.ScriptVersion), _ => ScriptGrammar.Build(script, dictionary.Value));
        var session = sessions.Create(script);
        var voice = new VoiceConversation(session, recognizer, grammar);

        using var limit = new CancellationTokenSource(settings.Limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        using var line = new VoiceLine(media, voice, speech, time, settings.MediaGapAsSilence);
        string? transferTo = null;
        try
        {
            transferTo = await line.RunAsync(linked.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            LogLimitReached(logger, call.ScriptId, settings.Limit.TotalSeconds);
        }
        catch (SpeechToolException ex)
        {
            // Without speech tools there is no conversation; end it as a hang-up rather than leave the line silent.
            LogSpeechFailed(logger, call.ScriptId, ex.Message);
        }
        if (!session.IsComplete) await session.HandleAsync(CallerInput.HangUp, CancellationToken.None);
        transferTo = line.TransferCampaign ?? transferTo;

        var result = session.GetResult();
        return new BroadcastRun(result, ConversationDetails.From(call, result, null), transferTo,
            script.Dispositions.TryGetValue(BroadcastCallRunner.TransferFailedOutcome, out var code) ? code : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice conversation on script {ScriptId} reached its limit of {LimitSeconds} s; ending it")]
    private static partial void LogLimitReached(ILogger logger, string scriptId, double limitSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice conversation on script {ScriptId} lost its speech tools: {Reason}")]
    private static partial void LogSpeechFailed(ILogger logger, string scriptId, string reason);
}
