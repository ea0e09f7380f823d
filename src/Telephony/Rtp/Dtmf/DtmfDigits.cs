namespace ContactCenter.Telephony.Rtp.Dtmf;

/// <summary>Maps DTMF characters to RFC 4733 §3.2 event codes: 0–9, * = 10, # = 11, A–D = 12–15.</summary>
public static class DtmfDigits
{
    /// <summary>The event code of a digit; throws for a character that is not DTMF.</summary>
    public static byte ToEventCode(char digit) => digit switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
        >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "Not a DTMF digit (0-9, *, #, A-D)."),
    };

    /// <summary>The digit of an event code, or null for a non-DTMF event (e.g. fax tones).</summary>
    public static char? FromEventCode(byte code) => code switch
    {
        <= 9 => (char)('0' + code),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + code - 12),
        _ => null,
    };
}
