namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Recognition for one conversation that is ready when the caller stops talking. The line feeds it every frame it
/// gives the conversation's voice detector (<see cref="OnFrame"/>); a twin detector with the same settings marks
/// the same utterances, and their audio is decoded while it is spoken. When the conversation then asks for an
/// utterance (<see cref="RecognizeAsync"/>), the streamed result is used if it was decoded from exactly that
/// audio; otherwise (the twin lost step, say after a reset it cannot see) the utterance is decoded whole on the
/// same decoder, so the answer is always that of the audio asked about. One per call; frames in order, one thread.
/// </summary>
public sealed class ConversationRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly ISpeechRecognitionStream stream;
    private readonly ISpeechRecognizer whole;
    private readonly EnergyVoiceActivityDetector twin;
    private readonly Queue<short[]> preRoll = new();
    private readonly int preRollFrames;
    private short[]? streamedUtterance;
    private Task<RecognitionResult>? streamedResult;
    private bool disposed;

    /// <param name="stream">The conversation's decoder; disposed with this.</param>
    /// <param name="whole">Recognises whole utterances if this one's stream fails.</param>
    /// <param name="voiceActivity">The settings of the conversation's own detector.</param>
    public ConversationRecognizer(ISpeechRecognitionStream stream, ISpeechRecognizer whole, VoiceActivityOptions? voiceActivity = null)
    {
        this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
        this.whole = whole ?? throw new ArgumentNullException(nameof(whole));
        var settings = voiceActivity ?? new VoiceActivityOptions();
        twin = new EnergyVoiceActivityDetector(settings);
        // The detector keeps this many frames before speech is declared and puts them at the utterance's start.
        preRollFrames = Math.Max((int)Math.Round(settings.PreRoll.TotalSeconds * PhoneAudio.SampleRate / PhoneAudio.FrameSamples), settings.StartFrames);
    }

    /// <summary>Utterances answered from the audio decoded while it was spoken.</summary>
    public int StreamedUtterances { get; private set; }

    /// <summary>Utterances that had to be decoded whole after they ended.</summary>
    public int WholeUtterances { get; private set; }

    /// <summary>Takes one 20 ms frame of G.711 µ-law, as given to the conversation's detector.</summary>
    public void OnFrame(ReadOnlySpan<byte> muLawFrame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (muLawFrame.Length != PhoneAudio.FrameSamples)
        {
            return;
        }

        var pcm = PhoneAudio.DecodeMuLaw(muLawFrame);
        var wasSpeaking = twin.IsSpeaking;
        var activity = twin.Process(pcm);
        if (wasSpeaking)
        {
            stream.Write(pcm);
            if (activity.Kind == VoiceActivityKind.UtteranceEnded)
            {
                streamedUtterance = activity.Utterance;
                streamedResult = stream.EndUtteranceAsync();
            }

            return;
        }

        preRoll.Enqueue(pcm);
        while (preRoll.Count > preRollFrames)
        {
            preRoll.Dequeue();
        }

        if (activity.Kind == VoiceActivityKind.SpeechStarted)
        {
            streamedUtterance = null;
            streamedResult = null;
            stream.StartUtterance();
            foreach (var frame in preRoll)
            {
                stream.Write(frame);
            }

            preRoll.Clear();
        }
    }

    /// <inheritdoc />
    public async Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm8k, JsgfGrammar grammar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        ObjectDisposedException.ThrowIf(disposed, this);
        var duration = TimeSpan.FromSeconds(pcm8k.Length / (double)PhoneAudio.SampleRate);
        var streamed = streamedResult;
        var matches = streamed is not null && streamedUtterance is not null && SameGrammar(grammar) && pcm8k.Span.SequenceEqual(streamedUtterance);
        streamedResult = null;
        streamedUtterance = null;
        // The conversation resets its detector after each answer; so does the twin, to stay in step.
        twin.Reset();
        preRoll.Clear();
        if (matches)
        {
            StreamedUtterances++;
            var result = await streamed!.WaitAsync(cancellationToken).ConfigureAwait(false);
            return result with { AudioDuration = duration };
        }

        WholeUtterances++;
        if (pcm8k.Length < PhoneAudio.FrameSamples)
        {
            return new RecognitionResult("", duration);
        }

        if (!SameGrammar(grammar))
        {
            return await whole.RecognizeAsync(pcm8k, grammar, cancellationToken).ConfigureAwait(false);
        }

        stream.StartUtterance();
        stream.Write(pcm8k.Span);
        var decoded = await stream.EndUtteranceAsync(cancellationToken).ConfigureAwait(false);
        return decoded with { AudioDuration = duration };
    }

    // Grammars are rebuilt per script version; the same text is the same grammar.
    private bool SameGrammar(JsgfGrammar grammar) => ReferenceEquals(grammar, stream.Grammar) || grammar.Text == stream.Grammar.Text;

    /// <summary>Gives the decoder back.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            stream.Dispose();
        }
    }
}
