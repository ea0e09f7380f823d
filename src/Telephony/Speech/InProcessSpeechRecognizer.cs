namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Grammar-guided recognition with libpocketsphinx inside this process: no process start per utterance. Streaming
/// conversations (<see cref="IStreamingSpeechRecognizer.TryOpenConversation"/>) hold a decoder each, up to
/// <see cref="InProcessRecognitionOptions.MaxConversations"/>, and decode while the caller speaks; whole
/// utterances (<see cref="RecognizeAsync"/>) borrow one of as many decoders as there are workers. All decoding runs
/// on one <see cref="DecodeWorkerPool"/> sized to the node's cores.
/// </summary>
public sealed class InProcessSpeechRecognizer : IStreamingSpeechRecognizer, IDisposable
{
    private readonly PocketSphinxOptions options;
    private readonly DecodeWorkerPool workers;
    private readonly DecoderPool decoders;
    private readonly RecognitionAdmission admission;
    private readonly SemaphoreSlim wholeUtterances;
    private readonly double? rejectBelow;

    /// <summary>Loads the library and one decoder, so that a missing library or model shows at once.</summary>
    /// <exception cref="ArgumentException">The limits are out of range.</exception>
    /// <exception cref="SpeechToolException">The model or dictionary could not be loaded.</exception>
    /// <exception cref="DllNotFoundException">libpocketsphinx.so.3 is not installed.</exception>
    public InProcessSpeechRecognizer(PocketSphinxOptions? options = null, InProcessRecognitionOptions? limits = null)
    {
        this.options = options ?? new PocketSphinxOptions();
        var settings = limits ?? new InProcessRecognitionOptions();
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(limits));
        }

        rejectBelow = settings.RejectOutOfGrammar ? settings.OutOfGrammarThreshold : null;
        decoders = new DecoderPool(
            this.options.AcousticModelPath, this.options.DictionaryPath, Math.Max(settings.MaxIdleDecoders, 1), settings.RejectOutOfGrammar, this.options.PhoneModelPath);
        decoders.Return(decoders.Rent());
        workers = new DecodeWorkerPool(settings.EffectiveWorkers);
        admission = new RecognitionAdmission(settings.MaxConversations, () => workers.Backlog);
        wholeUtterances = new SemaphoreSlim(workers.Workers, workers.Workers);
    }

    /// <inheritdoc />
    public IRecognitionCapacity Capacity => admission;

    /// <summary>Decoders loaded now, in use or idle (for leak checks).</summary>
    public int LiveDecoders => decoders.Live;

    /// <inheritdoc />
    public ISpeechRecognitionStream? TryOpenStream(JsgfGrammar grammar)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        return admission.TryEnter() ? new RecognitionStream(grammar, workers, decoders, options.MaxUtterance, admission.Exit, rejectBelow) : null;
    }

    /// <inheritdoc />
    public ConversationRecognizer? TryOpenConversation(JsgfGrammar grammar, VoiceActivityOptions? voiceActivity = null) =>
        TryOpenStream(grammar) is { } stream ? new ConversationRecognizer(stream, this, voiceActivity) : null;

    /// <inheritdoc />
    /// <exception cref="SpeechToolException">Decoding failed.</exception>
    public async Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm8k, JsgfGrammar grammar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        var duration = TimeSpan.FromSeconds(pcm8k.Length / (double)PhoneAudio.SampleRate);
        if (pcm8k.Length < PhoneAudio.FrameSamples)
        {
            return new RecognitionResult("", duration);
        }

        await wholeUtterances.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var stream = new RecognitionStream(grammar, workers, decoders, options.MaxUtterance, released: null, rejectBelow);
            stream.StartUtterance();
            stream.Write(pcm8k.Span);
            var result = await stream.EndUtteranceAsync(cancellationToken).ConfigureAwait(false);
            return result with { AudioDuration = duration };
        }
        finally
        {
            wholeUtterances.Release();
        }
    }

    /// <summary>Finishes queued decoding and frees the idle decoders; streams still open free theirs when disposed.</summary>
    public void Dispose()
    {
        workers.Dispose();
        decoders.Dispose();
        wholeUtterances.Dispose();
    }
}
