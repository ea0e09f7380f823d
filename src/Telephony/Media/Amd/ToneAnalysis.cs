namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Finds the single frequency that dominates a frame, with the Goertzel algorithm evaluated on a grid of candidate
/// pitches: a pure tone (a voicemail beep) puts nearly all the frame's energy at one of them, speech does not.
/// </summary>
public static class ToneAnalysis
{
    /// <summary>Lowest pitch looked at: below it are voices' fundamentals, which can dominate a vowel.</summary>
    public const double LowestHz = 300;

    /// <summary>Highest pitch looked at: telephone audio ends near 3.4 kHz.</summary>
    public const double HighestHz = 3200;

    /// <summary>Grid step; a tone between two candidates still keeps about 80% of its energy at the nearer one in a 20 ms frame.</summary>
    public const double StepHz = 25;

    /// <summary>
    /// The strongest candidate pitch of 8 kHz <paramref name="samples"/> and the share of the frame's energy it holds
    /// (about 1 for a sine at that pitch, near 0 for noise); (0, 0) for an empty or silent frame.
    /// </summary>
    public static (double FrequencyHz, double Purity) DominantTone(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return (0, 0);
        double energy = 0;
        foreach (short s in samples) energy += (double)s * s;
        if (energy <= 0) return (0, 0);

        double bestHz = 0, bestPower = 0;
        for (var hz = LowestHz; hz <= HighestHz; hz += StepHz)
        {
            var power = GoertzelPower(samples, hz);
            if (power > bestPower) (bestHz, bestPower) = (hz, power);
        }
        // A sine of amplitude A over N samples: Goertzel power (N·A/2)², energy N·A²/2, so 2·P / (N·E) is 1.
        return (bestHz, Math.Min(1, 2 * bestPower / (samples.Length * energy)));
    }

    private static double GoertzelPower(ReadOnlySpan<short> samples, double frequencyHz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / Audio.AudioClip.SampleRate);
        double s1 = 0, s2 = 0;
        foreach (short x in samples)
        {
            var s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
