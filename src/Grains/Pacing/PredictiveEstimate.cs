namespace ContactCenter.Grains.Pacing;

/// <summary>What a predictive pacing turn estimated and decided.</summary>
/// <param name="AnswerRate">Measured fraction of dials a person answered.</param>
/// <param name="RingSeconds">Measured mean seconds a dial rings.</param>
/// <param name="HandleSeconds">Measured mean seconds an agent is busy per connected call.</param>
/// <param name="AvailableAgents">Agents expected free when the calls are answered (Ready plus those finishing).</param>
/// <param name="TargetAbandonRate">The abandon share aimed at this turn (tightened while the measured rate runs over).</param>
/// <param name="CallsInFlight">Calls unanswered in flight after this turn.</param>
public sealed record PredictiveEstimate(double AnswerRate, double RingSeconds, double HandleSeconds, double AvailableAgents, double TargetAbandonRate, int CallsInFlight);
