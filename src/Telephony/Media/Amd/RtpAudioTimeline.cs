namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Follows the far end's media clock through the RTP timestamps of what arrived, so that audio the sender never sent
/// can be counted as silence: a sender with silence suppression stops sending while its user is quiet but its timestamp
/// keeps running (RFC 3551 §4.1), and a comfort-noise packet marks where a silence starts (RFC 3389 §4). The frontier is
/// the sender time up to which audio (heard or assumed silent) has been counted. Timestamps are 32-bit and wrap, so
/// every comparison is made on the signed difference (RFC 3550 §5.1). Not thread-safe.
/// </summary>
internal sealed class RtpAudioTimeline
{
    /// <summary>
    /// A timestamp further than this from the frontier, either way, is a restarted or replaced stream (a new SSRC after a
    /// transfer, a sender reset), not a pause: its distance means nothing, so it is neither silence nor an overlap.
    /// 60 s is the longest any analysis time may be set to.
    /// </summary>
    private const int MaxGapSamples = 60 * 8000;

    private uint frontier;
    private bool known;

    /// <summary>
    /// The samples of audio missing before media that starts at <paramref name="timestamp"/>: the pause the sender left
    /// out. Zero for the first media, for media at or before the frontier, and for a restarted stream.
    /// </summary>
    public int GapBefore(uint timestamp)
    {
        if (!known) return 0;
        var distance = (int)(timestamp - frontier);
        return distance is > 0 and <= MaxGapSamples ? distance : 0;
    }

    /// <summary>Whether media of <paramref name="samples"/> at <paramref name="timestamp"/> lies wholly within time already counted.</summary>
    public bool IsCounted(uint timestamp, int samples)
    {
        if (!known) return false;
        var endDistance = (int)(timestamp + (uint)samples - frontier);
        return endDistance is <= 0 and > -MaxGapSamples;
    }

    /// <summary>Records that media up to <paramref name="timestamp"/> + <paramref name="samples"/> has been counted.</summary>
    public void Cover(uint timestamp, int samples)
    {
        var end = timestamp + (uint)samples;
        var distance = (int)(end - frontier);
        // Forward moves the frontier; a far jump either way is a new stream and starts the count afresh there.
        if (!known || distance > 0 || distance <= -MaxGapSamples) frontier = end;
        known = true;
    }

    /// <summary>A copy to speculate on.</summary>
    public RtpAudioTimeline Clone() => (RtpAudioTimeline)MemberwiseClone();

    /// <summary>Moves the frontier on by silence counted without a packet (the far end went quiet by the arrival clock).</summary>
    public void Advance(int samples)
    {
        if (known) frontier += (uint)samples;
    }
}
