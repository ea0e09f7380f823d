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

    public int Attempts { get { Trim(); return attempts.Count; } }

    /// <summary>Fraction of attempts a person answered; null before any attempt.</summary>
    public double? AnswerRate => Ratio(attempts.Count(a => a.Answered), Attempts);

    /// <summary>Abandoned as a fraction of answered calls in the window; null before any answer.</summary>
    public double? AbandonRate => Ratio(attempts.Count(a => a.Abandoned), attempts.Count(a => a.Answered));

    /// <summary>Mean seconds from dial to answer or to giving up; null before any attempt.</summary>
    public double? MeanRingSeconds => Attempts == 0 ? null : attempts.Average(a => a.RingSeconds);

    /// <summary>Mean seconds from dial to answer, over answered dials only; null before any answer.</summary>
    public double? MeanAnswerSeconds { get { Trim(); return attempts.Any(a => a.Answered) ? attempts.Where(a => a.Answered).Average(a => a.RingSeconds) : null; } }

    /// <summary>Mean seconds an agent is busy with a connected call (talk plus wrap-up); null before any.</summary>
    public double? MeanHandleSeconds { get { Trim(); return handles.Count == 0 ? null : handles.Average(h => h.Seconds); } }

    /// <summary>A dial ended: answered by a person or not, abandoned (answered, no agent), and how long it rang.</summary>
    public void Attempted(bool answered, bool abandoned, TimeSpan ring) =>
        attempts.Enqueue((time.GetUtcNow(), answered, abandoned, Math.Max(0, ring.TotalSeconds)));

    /// <summary>An agent finished a connected call (back to Ready, or away) after this long.</summary>
    public void Handled(TimeSpan busy) => handles.Enqueue((time.GetUtcNow(), Math.Max(0, busy.TotalSeconds)));

    private void Trim()
    {
        var since = time.GetUtcNow() - window();
        while (attempts.TryPeek(out var a) && a.At < since) attempts.Dequeue();
        while (handles.TryPeek(out var h) && h.At < since) handles.Dequeue();
    }

    private double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
