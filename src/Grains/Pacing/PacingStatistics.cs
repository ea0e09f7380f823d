namespace ContactCenter.Grains.Pacing;

/// <summary>
/// A campaign's recent calls as the predictive pacer needs them, over a sliding window: how often a
/// dial is answered by a person, how long a dial rings before it is answered or given up, how long an
/// agent is busy with a connected call (talk and wrap-up), and how many answered calls were abandoned.
/// In memory only: a new activation starts thin and dials conservatively until it has seen enough.
/// </summary>
public sealed class PacingStatistics(TimeProvider time, Func<TimeSpan> window)
{
    private readonly Queue<(DateTimeOffset At, bool Answered, bool Abandoned, double RingSeconds)> attempts = new();
    private readonly Queue<(DateTimeOffset At, double Seconds)> handles = new();
    // Running sums over the window, kept as calls enter and leave it: the pacer reads these every turn
    // (four times a second), and a window of a busy campaign holds tens of thousands of calls.
    private int answered;
    private int abandoned;
    private double ringSeconds;
    private double answerSeconds;
    private double handleSeconds;

    public int Attempts { get { Trim(); return attempts.Count; } }

    /// <summary>Fraction of attempts a person answered; null before any attempt.</summary>
    public double? AnswerRate { get { Trim(); return Ratio(answered, attempts.Count); } }

    /// <summary>Abandoned as a fraction of answered calls in the window; null before any answer.</summary>
    public double? AbandonRate { get { Trim(); return Ratio(abandoned, answered); } }

    /// <summary>Mean seconds from dial to answer or to giving up; null before any attempt.</summary>
    public double? MeanRingSeconds { get { Trim(); return Ratio(ringSeconds, attempts.Count); } }

    /// <summary>Mean seconds from dial to answer, over answered dials only; null before any answer.</summary>
    public double? MeanAnswerSeconds { get { Trim(); return Ratio(answerSeconds, answered); } }

    /// <summary>Mean seconds an agent is busy with a connected call (talk plus wrap-up); null before any.</summary>
    public double? MeanHandleSeconds { get { Trim(); return Ratio(handleSeconds, handles.Count); } }

    /// <summary>A dial ended: answered by a person or not, abandoned (answered, no agent), and how long it rang.</summary>
    public void Attempted(bool answered, bool abandoned, TimeSpan ring)
    {
        var seconds = Math.Max(0, ring.TotalSeconds);
        attempts.Enqueue((time.GetUtcNow(), answered, abandoned, seconds));
        Count(answered, abandoned, seconds, +1);
    }

    /// <summary>An agent finished a connected call (back to Ready, or away) after this long.</summary>
    public void Handled(TimeSpan busy)
    {
        var seconds = Math.Max(0, busy.TotalSeconds);
        handles.Enqueue((time.GetUtcNow(), seconds));
        handleSeconds += seconds;
    }

    private void Count(bool wasAnswered, bool wasAbandoned, double seconds, int sign)
    {
        ringSeconds += sign * seconds;
        if (wasAnswered)
        {
            answered += sign;
            answerSeconds += sign * seconds;
        }
        if (wasAbandoned) abandoned += sign;
    }

    private void Trim()
    {
        var since = time.GetUtcNow() - window();
        while (attempts.TryPeek(out var a) && a.At < since)
        {
            attempts.Dequeue();
            Count(a.Answered, a.Abandoned, a.RingSeconds, -1);
        }
        while (handles.TryPeek(out var h) && h.At < since)
        {
            handles.Dequeue();
            handleSeconds -= h.Seconds;
        }
        // Sums of doubles drift as calls come and go; an empty window is exactly zero again.
        if (attempts.Count == 0) (ringSeconds, answerSeconds) = (0, 0);
        if (handles.Count == 0) handleSeconds = 0;
    }

    private static double? Ratio(double part, int whole) => whole == 0 ? null : part / whole;
}
