namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Loaded decoders waiting for their next conversation. Loading the model and dictionary costs far more than a
/// conversation's decoding, so decoders are reused; beyond <see cref="InProcessRecognitionOptions.MaxIdleDecoders"/>
/// returned ones are freed. Thread-safe.
/// </summary>
internal sealed class DecoderPool : IDisposable
{
    private readonly Stack<PocketSphinxDecoder> idle = new();
    private readonly string acousticModelPath;
    private readonly string dictionaryPath;
    private readonly bool measureFit;
    private readonly string? phoneModelPath;
    private readonly int maxIdle;
    private int live;
    private bool disposed;

    /// <param name="measureFit">Decoders measure how well the grammar fits each utterance (<see cref="PhoneLoopFit"/>).</param>
    public DecoderPool(string acousticModelPath, string dictionaryPath, int maxIdle, bool measureFit = false, string? phoneModelPath = null)
    {
        this.acousticModelPath = acousticModelPath;
        this.dictionaryPath = dictionaryPath;
        this.measureFit = measureFit;
        this.phoneModelPath = phoneModelPath;
        this.maxIdle = maxIdle;
    }

    /// <summary>Decoders in existence, idle or in use.</summary>
    public int Live => Volatile.Read(ref live);

    /// <summary>An idle decoder, or a newly loaded one.</summary>
    /// <exception cref="SpeechToolException">The model could not be loaded.</exception>
    public PocketSphinxDecoder Rent()
    {
        lock (idle)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (idle.TryPop(out var decoder))
            {
                return decoder;
            }
        }

        var created = PocketSphinxDecoder.Create(acousticModelPath, dictionaryPath, measureFit, phoneModelPath);
        Interlocked.Increment(ref live);
        return created;
    }

    /// <summary>Takes a decoder back; it must not be in an utterance.</summary>
    public void Return(PocketSphinxDecoder decoder)
    {
        lock (idle)
        {
            if (!disposed && idle.Count < maxIdle)
            {
                idle.Push(decoder);
                return;
            }
        }

        Free(decoder);
    }

    /// <summary>Frees a decoder that failed rather than reusing it.</summary>
    public void Free(PocketSphinxDecoder decoder)
    {
        decoder.Dispose();
        Interlocked.Decrement(ref live);
    }

    public void Dispose()
    {
        lock (idle)
        {
            disposed = true;
            while (idle.TryPop(out var decoder))
            {
                Free(decoder);
            }
        }
    }
}
