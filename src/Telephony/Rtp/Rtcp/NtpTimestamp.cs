namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>64-bit NTP timestamps as RTCP carries them (RFC 3550 §4): seconds since 1900 in the high word, fraction in the low word.</summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Converts wall-clock time to an NTP timestamp.</summary>
    public static ulong FromDateTime(DateTimeOffset time)
    {
        var since = time - Epoch;
        ulong seconds = (ulong)Math.Floor(since.TotalSeconds);
        double fraction = since.TotalSeconds - seconds;
        return (seconds << 32) | (uint)(fraction * 4294967296.0);
    }

    /// <summary>Converts an NTP timestamp back to wall-clock time.</summary>
    public static DateTimeOffset ToDateTime(ulong ntp) =>
        Epoch.AddSeconds((ntp >> 32) + (ntp & 0xFFFFFFFF) / 4294967296.0);

    /// <summary>The middle 32 bits (16.16 fixed point seconds) used by LSR and DLSR (RFC 3550 §6.4.1).</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A duration in the 1/65536-second units of DLSR.</summary>
    public static uint ToShortUnits(TimeSpan duration) => (uint)Math.Clamp(duration.TotalSeconds * 65536.0, 0, uint.MaxValue);

    /// <summary>A 1/65536-second count as a duration.</summary>
    public static TimeSpan FromShortUnits(uint units) => TimeSpan.FromSeconds(units / 65536.0);
}
