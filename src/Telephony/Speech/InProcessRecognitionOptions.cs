namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Limits of <see cref="InProcessSpeechRecognizer"/>. The model and dictionary paths and the longest utterance come
/// from <see cref="PocketSphinxOptions"/>, shared with the process-based recogniser.
/// </summary>
public sealed class InProcessRecognitionOptions
{
    /// <summary>Configuration section a host may bind.</summary>
    public const string Section = "Speech:Recognition";

    /// <summary>
    /// Conversations that may hold a streaming decoder at once (<see cref="IRecognitionCapacity"/>). Each decoder
    /// holds its own copy of the acoustic model and dictionary (30-40 MB here); beyond the limit a conversation is
    /// still recognised, one whole utterance at a time, without streaming. Measured on 2 cores (benchmarks/SpeechLoad):
    /// 50 streams used about 30 % of both cores and 1.6 GB (results p95 7-33 ms after the utterance ended); 100 used
    /// 40-52 % and 3-4.3 GB, and fell behind (p95 150-730 ms) while other work shared the cores.
    /// </summary>
    public int MaxConversations { get; set; } = 120;

    /// <summary>Threads that run the decoders; 0 means one per core of the node.</summary>
    public int DecodeWorkers { get; set; }

    /// <summary>
    /// Idle decoders kept for the next conversations; more are freed when returned. Loading one takes about 250 ms
    /// of a decode thread, which every stream then waits for, so by default all loaded decoders are kept.
    /// </summary>
    public int MaxIdleDecoders { get; set; } = 120;

    /// <summary>
    /// Report speech the grammar does not hold ("hello", "who is this") as not understood instead of as the grammar
    /// phrase it sounds least unlike. Each utterance with words is then decoded a second time by a phone loop
    /// (<see cref="RecognitionResult.GrammarFit"/>), which costs CPU after the caller stops talking. Off by
    /// default: on espeak-ng speech it rejected about three quarters of out-of-grammar utterances but still let
    /// "hello" through as "no", and rejected some answers of the grammar that streaming had heard right (README
    /// section "Out-of-grammar rejection"); turn it on where wrong intents cost more than re-prompts.
    /// </summary>
    public bool RejectOutOfGrammar { get; set; }

    /// <summary>
    /// The <see cref="RecognitionResult.GrammarFit"/> below which an utterance is out of grammar. Measured on espeak-ng
    /// speech through G.711 (benchmarks/SpeechRejection, README section "Out-of-grammar rejection"): 0.05 lost none of
    /// the held-out answers heard right and rejected 74 % of held-out other speech; 1.29, the highest that kept 95 %
    /// of the right answers of the tuning set, rejected 88 % but lost 5 of 43 right held-out answers. Higher rejects more.
    /// </summary>
    public double OutOfGrammarThreshold { get; set; } = DefaultOutOfGrammarThreshold;

    /// <summary>The tuned default of <see cref="OutOfGrammarThreshold"/>.</summary>
    public const double DefaultOutOfGrammarThreshold = 0.05;

    /// <summary>Problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxConversations is < 1 or > 10_000)
        {
            problems.Add($"{nameof(MaxConversations)} must be between 1 and 10000 (was {MaxConversations}).");
        }

        if (DecodeWorkers is < 0 or > 256)
        {
            problems.Add($"{nameof(DecodeWorkers)} must be between 0 (one per core) and 256 (was {DecodeWorkers}).");
        }

        if (MaxIdleDecoders is < 0 or > 10_000)
        {
            problems.Add($"{nameof(MaxIdleDecoders)} must be between 0 and 10000 (was {MaxIdleDecoders}).");
        }

        if (!double.IsFinite(OutOfGrammarThreshold) || OutOfGrammarThreshold is < -10 or > 10)
        {
            problems.Add($"{nameof(OutOfGrammarThreshold)} must be between -10 and 10 (was {OutOfGrammarThreshold}).");
        }

        return problems;
    }

    /// <summary>The worker count to use on this node.</summary>
    internal int EffectiveWorkers => DecodeWorkers > 0 ? DecodeWorkers : Environment.ProcessorCount;
}
