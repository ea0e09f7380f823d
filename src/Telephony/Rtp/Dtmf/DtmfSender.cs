namespace ContactCenter.Telephony.Rtp.Dtmf;

/// <summary>
/// Sends DTMF digits as RFC 4733 telephone events on an <see cref="RtpSession"/>: all packets
/// of one event share its start timestamp (§2.5.1.1), the first carries the marker bit, updates
/// go out every 50 ms with the growing duration (§2.5.1.2), and the final packet with the E bit
/// is sent three times (§2.5.1.4) so that one lost packet does not lose the digit's end.
/// </summary>
public sealed class DtmfSender
{
    private const int EndRepeats = 3;
    private readonly RtpSession session;
    private readonly TimeProvider time;

    /// <summary>Creates a sender on a session; <paramref name="payloadType"/> is the negotiated telephone-event type.</summary>
    public DtmfSender(RtpSession session, int payloadType = TelephoneEvent.DefaultPayloadType, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (payloadType is < 96 or > 127) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "telephone-event uses a dynamic payload type (96–127).");
        this.session = session;
        PayloadType = payloadType;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The telephone-event payload type in use.</summary>
    public int PayloadType { get; }

    /// <summary>Interval between update packets.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Sends one digit and returns the number of packets sent.</summary>
    /// <param name="digit">0–9, *, #, A–D.</param>
    /// <param name="duration">Tone length; 40 ms to 8 s (the 16-bit duration field at 8 kHz).</param>
    /// <param name="volume">Level in −dBm0 (0–63); 10 is a typical telephone level.</param>
    /// <param name="cancellationToken">Stops sending; an event already started is ended first.</param>
    public async Task<int> SendDigitAsync(char digit, TimeSpan duration, int volume = 10, CancellationToken cancellationToken = default)
    {
        byte code = DtmfDigits.ToEventCode(digit);
        if (duration < TimeSpan.FromMilliseconds(40) || duration > TimeSpan.FromSeconds(8))
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "DTMF duration must be 40 ms to 8 s.");
        if (volume is < 0 or > 63) throw new ArgumentOutOfRangeException(nameof(volume), volume, "Volume is 0–63 (−dBm0).");

        int totalSamples = (int)Math.Round(duration.TotalSeconds * session.ClockRate);
        int stepSamples = (int)Math.Round(UpdateInterval.TotalSeconds * session.ClockRate);
        // Reserving the whole duration keeps audio after the digit from overlapping its timestamps.
        var (timestamp, _) = session.ReserveTimestamp(totalSamples);

        int sent = 0;
        int elapsed = 0;
        using var timer = new PeriodicTimer(UpdateInterval, time);
        try
        {
            while (true)
            {
                elapsed = Math.Min(totalSamples, elapsed + stepSamples);
                if (elapsed >= totalSamples) break;
                var update = new TelephoneEvent(code, end: false, volume, (ushort)elapsed);
                await session.SendPacketAsync(session.CreatePacket(PayloadType, update.ToArray(), timestamp, marker: sent == 0), cancellationToken);
                sent++;
                await timer.WaitForNextTickAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Fall through and end the event so the far end does not hear an endless tone.
        }

        var end = new TelephoneEvent(code, end: true, volume, (ushort)elapsed);
        for (int i = 0; i < EndRepeats; i++)
        {
            await session.SendPacketAsync(session.CreatePacket(PayloadType, end.ToArray(), timestamp, marker: sent == 0), CancellationToken.None);
            sent++;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return sent;
    }

    /// <summary>Sends several digits with a pause between them.</summary>
    public async Task SendDigitsAsync(string digits, TimeSpan duration, TimeSpan gap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (char digit in digits) DtmfDigits.ToEventCode(digit); // validate all before sending any
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0) await Task.Delay(gap, time, cancellationToken);
            await SendDigitAsync(digits[i], duration, cancellationToken: cancellationToken);
        }
    }
}
