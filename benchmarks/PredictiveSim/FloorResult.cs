using System.Globalization;

namespace ContactCenter.Benchmarks.PredictiveSim;

/// <summary>What a simulated day measured.</summary>
public sealed record FloorResult(FloorConfig Config, long Answered, long Abandoned, double Occupancy, double WaitPerConnectedSeconds)
{
    public double AbandonRate => Answered == 0 ? 0 : (double)Abandoned / Answered;

    /// <summary>Half-width of the 95 % band of the abandon rate (normal approximation of the binomial).</summary>
    public double AbandonBand => Answered == 0 ? 0 : 1.96 * Math.Sqrt(AbandonRate * (1 - AbandonRate) / Answered);

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Config.Agents} | {Config.AnswerRate:P0} | {Config.TalkSeconds:0} s | {(Config.Predictive ? "Predictive" : "Auto")} | {Answered} | {AbandonRate * 100:0.00} ± {AbandonBand * 100:0.00} | {Occupancy:P1} | {WaitPerConnectedSeconds:0.0} s |");
}
