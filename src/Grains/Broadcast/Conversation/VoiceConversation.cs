using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>
/// Puts a <see cref="ConversationSession"/> on a phone line: caller audio arrives as 20 ms G.711 µ-law frames, the
/// energy detector turns it into barge-in, end-of-utterance and no-input events, utterances are recognised against
/// the script grammar, and each event becomes a caller input for the session. The media layer plays the returned
/// directives and calls <see cref="PromptFinished"/> when the agent has stopped talking, which starts the no-input
/// timer. One instance per call; frames in order.
/// </summary>
public sealed class VoiceConversation
{
    private readonly ConversationSession session;
    private readonly ISpeechRecognizer recognizer;
    private readonly JsgfGrammar grammar;
    private readonly EnergyVoiceActivityDetector detector;
    private bool listening;

    public VoiceConversation(ConversationSession session, ISpeechRecognizer recognizer, JsgfGrammar grammar, VoiceActivityOptions? options = null)
    {
        this.session = session ?? throw new ArgumentNullException(nameof(session));
        this.recognizer = recognizer ?? throw new ArgumentNullException(nameof(recognizer));
        this.grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        detector = new EnergyVoiceActivityDetector(options);
    }

    /// <summary>The underlying session (for its result once complete).</summary>
    public ConversationSession Session => session;

    /// <summary>The agent's prompt has finished playing: listen for the answer and start the no-input timer.</summary>
    public void PromptFinished()
    {
        detector.Reset();
        listening = true;
    }

    /// <summary>
    /// Feeds one frame of caller audio. Returns the agent's reaction when the frame completed an event, otherwise null.
    /// Speech during a prompt is a barge-in; the no-input timer only runs after <see cref="PromptFinished"/>.
    /// </summary>
    public async Task<AgentTurn?> OnAudioFrameAsync(ReadOnlyMemory<byte> muLawFrame, CancellationToken cancellationToken = default)
    {
        if (session.IsComplete || !session.IsStarted)
        {
            return null;
        }

        var activity = detector.ProcessMuLaw(muLawFrame.Span);
        switch (activity.Kind)
        {
            case VoiceActivityKind.SpeechStarted when !listening:
                listening = true;
                return await session.HandleAsync(CallerInput.BargeIn, cancellationToken);
            case VoiceActivityKind.UtteranceEnded:
                var heard = await recognizer.RecognizeAsync(activity.Utterance, grammar, cancellationToken);
                return await AfterAnswerAsync(CallerInput.Say(heard.Text), cancellationToken);
            case VoiceActivityKind.NoInput when listening:
                return await AfterAnswerAsync(CallerInput.Silence, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Keys pressed by the caller (RFC 4733 events decoded by the media layer).</summary>
    public Task<AgentTurn> OnDtmfAsync(string digits, CancellationToken cancellationToken = default) =>
        AfterAnswerAsync(CallerInput.Keys(digits), cancellationToken);

    private async Task<AgentTurn> AfterAnswerAsync(CallerInput input, CancellationToken cancellationToken)
    {
        var turn = await session.HandleAsync(input, cancellationToken);
        // The agent speaks next; listening resumes when that prompt has played.
        listening = false;
        detector.Reset();
        return turn;
    }
}
