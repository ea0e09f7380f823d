using System.Net;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// Where calls bind their RTP: an address and an even-to-odd port range (RTP on the even port,
/// RTCP on the next, RFC 3550 §11). A range of 0–0 lets the system pick free ports.
/// </summary>
public sealed record RtpPortRange(IPAddress Address, int MinPort, int MaxPort)
{
    /// <summary>Loopback with system-chosen ports (tests).</summary>
    public static RtpPortRange LoopbackAnyPort { get; } = new(IPAddress.Loopback, 0, 0);

    public bool IsSystemChosen => MinPort == 0 && MaxPort == 0;

    /// <summary>How many RTP/RTCP pairs fit in the range.</summary>
    public int Pairs => IsSystemChosen ? 0 : (MaxPort - FirstEven + 1) / 2;

    internal int FirstEven => MinPort % 2 == 0 ? MinPort : MinPort + 1;

    /// <summary>Returns a message per problem: ports out of range or reversed, a wildcard address.</summary>
    public IEnumerable<string> Validate()
    {
        if (Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any)) yield return "The RTP address must be a concrete address (it goes into SDP), not a wildcard.";
        if (IsSystemChosen) yield break;
        if (MinPort is < 1024 or > 65534 || MaxPort is < 1025 or > 65535) yield return "RTP ports must be between 1024 and 65535.";
        else if (Pairs < 1) yield return "The RTP port range must hold at least one even/odd port pair (MinPort < MaxPort).";
    }
}
