namespace ContactCenter.Benchmarks.PredictiveSim;

/// <summary>One simulated floor: agents, how often people answer, mean talk seconds, which dialer, how long.</summary>
public sealed record FloorConfig(int Agents, double AnswerRate, double TalkSeconds, bool Predictive, TimeSpan Length, int Seed);
