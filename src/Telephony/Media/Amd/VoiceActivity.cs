namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Energy-based voice activity: the measure Asterisk's silence detection compares with its threshold.</summary>
public static class VoiceActivity
{
    /// <summary>Mean absolute sample value of a frame (0–32768).</summary>
    public static double MeanAbsoluteLevel(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        long sum = 0;
        foreach (short s in samples) sum += Math.Abs((int)s);
        return sum / (double)samples.Length;
    }

    /// <summary>Whether a frame is voice at the given threshold.</summary>
    public static bool IsVoice(ReadOnlySpan<short> samples, int threshold) => MeanAbsoluteLevel(samples) >= threshold;
}
