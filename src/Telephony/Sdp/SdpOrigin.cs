namespace ContactCenter.Telephony.Sdp;

/// <summary>The "o=" line (RFC 4566 §5.2); the version goes up with every new offer (RFC 3264 §8).</summary>
public sealed record SdpOrigin(string UserName, ulong SessionId, ulong SessionVersion, SdpConnection Address)
{
    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} {Address}";

    public static SdpOrigin Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6 || !ulong.TryParse(parts[1], out var id) || !ulong.TryParse(parts[2], out var version))
        {
            throw new SdpParseException($"Invalid origin line '{text}'.");
        }
        return new SdpOrigin(parts[0], id, version, new SdpConnection(parts[5], parts[4], parts[3]));
    }
}
