namespace ContactCenter.Telephony.Speech;

/// <summary>A piece of decoding that runs on a <see cref="DecodeWorkerPool"/> thread.</summary>
internal interface IDecodeWork
{
    /// <summary>Does the work; must not throw.</summary>
    void Execute();
}
