namespace ContactCenter.Telephony.Rtp.Dtmf;

/// <summary>
/// Turns received telephone-event packets into one <see cref="DtmfEvent"/> per event. Packets of
/// an event share a timestamp (RFC 4733 §2.5.1.1), and the end packet is repeated, so events are
/// de-duplicated by timestamp. An event whose end packets were all lost is reported when the
/// next event starts or on <see cref="Flush"/>.
/// </summary>
public sealed class DtmfReceiver
{
    private const int RememberedEvents = 16;
    private readonly Queue<uint> finished = new();
    private readonly int clockRate;
    private uint? openTimestamp;
    private TelephoneEvent open;

    /// <summary>Creates a receiver for the negotiated telephone-event payload type.</summary>
    public DtmfReceiver(int payloadType = TelephoneEvent.DefaultPayloadType, int clockRate = 8000)
    {
        if (payloadType is < 0 or > 127) throw new ArgumentOutOfRangeException(nameof(payloadType));
        if (clockRate <= 0) throw new ArgumentOutOfRangeException(nameof(clockRate));
        PayloadType = payloadType;
        this.clockRate = clockRate;
    }

    /// <summary>The payload type treated as telephone-event.</summary>
    public int PayloadType { get; set; }

    /// <summary>Raised once per event.</summary>
    public event Action<DtmfEvent>? EventReceived;

    /// <summary>Malformed telephone-event payloads seen.</summary>
    public long InvalidPayloads { get; private set; }

    /// <summary>
    /// Offers a packet; returns true when it was a telephone event (consumed here), false when it
    /// is some other payload type that the caller should handle as audio.
    /// </summary>
    public bool Process(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.PayloadType != PayloadType) return false;
        TelephoneEvent payload;
        try
        {
            payload = TelephoneEvent.Parse(packet.Payload.Span);
        }
        catch (RtpFormatException)
        {
            InvalidPayloads++;
            return true;
        }

        if (finished.Contains(packet.Timestamp)) return true; // a repeated end packet

        if (openTimestamp is uint current && current != packet.Timestamp) Close(endSeen: false);
        openTimestamp = packet.Timestamp;
        if (payload.Duration >= open.Duration) open = payload; // a reordered older update must not shorten it
        if (payload.End) Close(endSeen: true);
        return true;
    }

    /// <summary>Reports an event still open (its end never arrived), e.g. when the call ends.</summary>
    public void Flush()
    {
        if (openTimestamp is not null) Close(endSeen: false);
    }

    private void Close(bool endSeen)
    {
        uint timestamp = openTimestamp!.Value;
        var ended = open;
        openTimestamp = null;
        open = default;
        finished.Enqueue(timestamp);
        if (finished.Count > RememberedEvents) finished.Dequeue();
        EventReceived?.Invoke(new DtmfEvent(ended.Code, DtmfDigits.FromEventCode(ended.Code),
            TimeSpan.FromSeconds(ended.Duration / (double)clockRate), ended.Volume, timestamp, endSeen));
    }
}
