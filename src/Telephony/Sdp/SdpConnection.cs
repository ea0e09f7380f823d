using System.Net;

namespace ContactCenter.Telephony.Sdp;

/// <summary>A "c=" line: "IN IP4 address" (RFC 4566 §5.7).</summary>
public sealed record SdpConnection(string Address, string AddressType = "IP4", string NetworkType = "IN")
{
    public static SdpConnection For(IPAddress address) =>
        new(address.ToString(), address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4");

    /// <summary>The address, or null when it is a host name we would have to resolve.</summary>
    public IPAddress? IPAddress => System.Net.IPAddress.TryParse(Address.Split('/')[0], out var ip) ? ip : null;

    /// <summary>0.0.0.0 is the RFC 2543 way to put a call on hold (RFC 3264 §8.4).</summary>
    public bool IsHoldAddress => IPAddress is { } ip && ip.Equals(System.Net.IPAddress.Any);

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";

    public static SdpConnection Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3) throw new SdpParseException($"Invalid connection line '{text}'.");
        return new SdpConnection(parts[2], parts[1], parts[0]);
    }
}
