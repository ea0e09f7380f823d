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

        return problems;
    }

    /// <summary>The worker count to use on this node.</summary>
    internal int EffectiveWorkers => DecodeWorkers > 0 ? DecodeWorkers : Environment.ProcessorCount;
}
