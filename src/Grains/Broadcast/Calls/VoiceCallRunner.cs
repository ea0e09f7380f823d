using System.Collections.Concurrent;
using System.Globalization;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// Runs the AI agent of one Broadcast call on the call's real audio: prompts rendered by text to speech and played
/// into the call, the caller's audio through <see cref="VoiceConversation"/> (voice activity, recognition against the
/// script's grammar, intent), turn after turn until the script ends, the caller hangs up, the call grain stops it or
/// <see cref="VoiceCallOptions.MaxCallLength"/> is reached. On an answering machine it leaves the script's voicemail
/// message after the greeting (<see cref="LeaveVoicemailAsync"/>).
/// </summary>
public sealed partial class VoiceCallRunner(
    ConversationSessionFactory sessions,
    AgentScriptCache scripts,
    ITextToSpeech speech,
    ISpeechRecognizer recognizer,
    TimeProvider time,
    ILogger<VoiceCallRunner> logger,
    IOptions<VoiceCallOptions>? options = null)
{
    private readonly VoiceCallOptions settings = options?.Value ?? new VoiceCallOptions();
    // The CMU dictionary is large: read it once, when the first voice call needs it.
    private readonly Lazy<PronunciationDictionary> dictionary = new(() => PronunciationDictionary.Load());
    private readonly ConcurrentDictionary<(string, int), JsgfGrammar> grammars = new();

    /// <summary>The bounds this runner holds conversations to.</summary>
    public VoiceCallOptions Options => settings;

    /// <summary>
    /// Holds the conversation on <paramref name="media"/> and returns its result; never hangs up itself. Cancelling
    /// <paramref name="cancellationToken"/> ends the conversation as a caller hang-up with what was heard so far.
    /// </summary>
    /// <exception cref="Common.EntityNotFoundException">The script version is gone.</exception>
    /// <exception cref="ArgumentException">The script cannot run or none of its examples can be recognised.</exception>
    public async Task<BroadcastRun> RunAsync(BroadcastCall call, CallMedia media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(media);
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        var grammar = grammars.GetOrAdd((call.ScriptId, call.ScriptVersion), _ => ScriptGrammar.Build(script, dictionary.Value));
        var session = sessions.Create(script, call.CallerZone());
        // A streaming recogniser decodes each answer while it is spoken; past its limit, whole utterances as before.
        using var listener = (recognizer as IStreamingSpeechRecognizer)?.TryOpenConversation(grammar);
        var voice = new VoiceConversation(session, (ISpeechRecognizer?)listener ?? recognizer, grammar);

        using var limit = new CancellationTokenSource(settings.MaxCallLength, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        using var line = new VoiceLine(media, voice, speech, time, settings.MediaGapAsSilence, listener);
        string? transferTo = null;
        try
        {
            transferTo = await line.RunAsync(linked.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            LogLimitReached(logger, call.ScriptId, settings.MaxCallLength.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The call ended under the conversation (hang-up, or the grain going away): keep what was heard.
            LogStopped(logger, call.ScriptId);
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

    /// <summary>
    /// An answering machine took the call and the script leaves a message: waits for the greeting to end (the beep,
    /// or silence, bounded by <see cref="VoiceCallOptions.VoicemailGreeting"/>), then speaks the message into the call.
    /// Never hangs up itself. The details say what was heard and how much of the message was sent.
    /// </summary>
    /// <exception cref="Common.EntityNotFoundException">The script version is gone.</exception>
    public async Task<BroadcastRun> LeaveVoicemailAsync(BroadcastCall call, CallMedia media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(media);
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        var notes = new List<TranscriptEntry>();
        var sent = TimeSpan.Zero;
        string? message = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The machine hanging up ends the wait and the message alike.
        media.CancelWhenEnded(stop);
        var session = sessions.Create(script);
        try
        {
            if (script.Voicemail.Action == Scripts.VoicemailAction.LeaveMessage)
            {
                var end = await media.Session.WaitForGreetingEndAsync(settings.VoicemailGreeting, time, settings.MediaGapAsSilence, stop.Token);
                notes.Add(Note(Describe(end)));
                LogGreetingEnded(logger, call.ScriptId, end.Kind, end.Elapsed.TotalMilliseconds);
            }
            var turn = session.StartVoicemail();
            message = turn.Directives.FirstOrDefault(d => d.Kind == DirectiveKind.Speak)?.Text;
            if (message is not null)
            {
                var rendered = await speech.SynthesizeAsync(message, cancellationToken: stop.Token);
                var clip = AudioClip.FromG711(G711Law.MuLaw, rendered.MuLaw);
                await media.Session.PlayAsync(clip, stop.Token);
                sent = clip.Duration;
                notes.Add(Note(string.Create(CultureInfo.InvariantCulture, $"voicemail message played ({sent.TotalSeconds:0.0} s)")));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            notes.Add(Note(media.Ended.IsCompleted ? "the machine hung up before the message was left" : "the call ended before the message was left"));
        }
        catch (SpeechToolException ex)
        {
            LogSpeechFailed(logger, call.ScriptId, ex.Message);
            notes.Add(Note("the message could not be spoken: " + ex.Message));
        }
        if (!session.IsStarted) session.StartVoicemail(); // cut short while waiting for the beep: the policy still goes on the record
        var result = session.GetResult();
        // A message cut off before any of it was sent was not said: the transcript keeps only what happened.
        var transcript = result.Transcript.Where(t => sent > TimeSpan.Zero || t.Speaker != Speaker.Agent).Concat(notes).OrderBy(t => t.At).ToList();
        return new BroadcastRun(result, ConversationDetails.From(call, result, null) with
        {
            Transcript = transcript,
            Voicemail = script.Voicemail.Action == Scripts.VoicemailAction.LeaveMessage ? "leaveMessage" : "hangUp",
            VoicemailMessage = sent > TimeSpan.Zero ? message : null,
            VoicemailSeconds = sent > TimeSpan.Zero ? Math.Round(sent.TotalSeconds, 2) : null,
        }, null, null);
    }

    private TranscriptEntry Note(string text) => new(time.GetUtcNow(), Speaker.System, text);

    private static string Describe(GreetingEndResult end) => end.Kind switch
    {
        GreetingEndKind.Beep => string.Create(CultureInfo.InvariantCulture, $"answering machine beep ({end.BeepFrequencyHz:0} Hz, {end.BeepDuration?.TotalMilliseconds:0} ms) after {end.Elapsed.TotalSeconds:0.0} s"),
        GreetingEndKind.Silence => string.Create(CultureInfo.InvariantCulture, $"answering machine greeting ended in silence after {end.Elapsed.TotalSeconds:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"no beep or silence after {end.Elapsed.TotalSeconds:0.0} s; leaving the message anyway"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail on script {ScriptId}: greeting ended by {Kind} after {ElapsedMs} ms")]
    private static partial void LogGreetingEnded(ILogger logger, string scriptId, GreetingEndKind kind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice conversation on script {ScriptId} stopped by its call")]
    private static partial void LogStopped(ILogger logger, string scriptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice conversation on script {ScriptId} reached its limit of {LimitSeconds} s; ending it")]
    private static partial void LogLimitReached(ILogger logger, string scriptId, double limitSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice conversation on script {ScriptId} lost its speech tools: {Reason}")]
    private static partial void LogSpeechFailed(ILogger logger, string scriptId, string reason);
}
