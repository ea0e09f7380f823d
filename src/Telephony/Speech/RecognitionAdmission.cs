namespace ContactCenter.Telephony.Speech;

/// <summary>The counter behind <see cref="IRecognitionCapacity"/>. Thread-safe.</summary>
internal sealed class RecognitionAdmission(int maxConversations, Func<int> backlog) : IRecognitionCapacity
{
    private int active;
    private int peak;
    private long refused;

    public int MaxConversations => maxConversations;

    public int ActiveConversations => Volatile.Read(ref active);

    public int PeakConversations => Volatile.Read(ref peak);

    public long RefusedConversations => Interlocked.Read(ref refused);

    public int DecodeBacklog => backlog();

    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref active);
            if (current >= maxConversations)
            {
                Interlocked.Increment(ref refused);
                return false;
            }

            if (Interlocked.CompareExchange(ref active, current + 1, current) == current)
            {
                RaisePeak(current + 1);
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref active);

    private void RaisePeak(int value)
    {
        var seen = Volatile.Read(ref peak);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
