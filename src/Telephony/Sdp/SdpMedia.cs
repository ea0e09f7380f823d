using System.Globalization;
using System.Text;

namespace ContactCenter.Telephony.Sdp;

/// <summary>One media description: an "m=" line and the lines under it (RFC 4566 §5.14).</summary>
public sealed class SdpMedia
{
    public SdpMedia(string media, int port, string protocol, IEnumerable<string> formats)
    {
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port));
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = formats.ToList();
    }

    /// <summary>"audio", "video", ...</summary>
    public string Media { get; }

    /// <summary>The RTP port; zero rejects or disables the stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>"RTP/AVP" for plain RTP.</summary>
    public string Protocol { get; }

    /// <summary>Payload types, in preference order.</summary>
    public List<string> Formats { get; }

    public SdpConnection? Connection { get; set; }

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Other lines (i=, b=, k=) kept verbatim so a round trip loses nothing.</summary>
    public List<string> OtherLines { get; } = [];

    /// <summary>The direction attribute of this stream, or null when it inherits the session's.</summary>
    public SdpDirection? Direction
    {
        get => SdpSession.ReadDirection(Attributes);
        set => SdpSession.WriteDirection(Attributes, value);
    }

    /// <summary>The formats as codecs, from rtpmap lines or the static table of RFC 3551.</summary>
    public IReadOnlyList<SdpCodec> Codecs()
    {
        var codecs = new List<SdpCodec>();
        foreach (var format in Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127) continue;
            var map = Attributes.FirstOrDefault(a => a.Name == "rtpmap" && a.Value is { } v && v.StartsWith(format + " ", StringComparison.Ordinal));
            if (map?.Value is { } value)
            {
                var spec = value[(format.Length + 1)..].Trim().Split('/');
                var rate = spec.Length > 1 && int.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 8000;
                codecs.Add(new SdpCodec(pt, spec[0], rate));
            }
            else if (pt == 0) codecs.Add(SdpCodec.Pcmu);
            else if (pt == 8) codecs.Add(SdpCodec.Pcma);
        }
        return codecs;
    }

    /// <summary>Adds a format with its rtpmap line (and the 0-16 events fmtp for telephone-event).</summary>
    public void AddCodec(SdpCodec codec)
    {
        var pt = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
        Formats.Add(pt);
        Attributes.Add(new SdpAttribute("rtpmap", codec.RtpMap));
        if (codec.IsTelephoneEvent) Attributes.Add(new SdpAttribute("fmtp", $"{pt} 0-16"));
    }

    internal void WriteTo(StringBuilder sb)
    {
        sb.Append("m=").Append(Media).Append(' ').Append(Port).Append(' ').Append(Protocol);
        foreach (var f in Formats) sb.Append(' ').Append(f);
        sb.Append("\r\n");
        foreach (var line in OtherLines.Where(l => l.StartsWith("i=", StringComparison.Ordinal))) sb.Append(line).Append("\r\n");
        if (Connection is not null) sb.Append("c=").Append(Connection).Append("\r\n");
        foreach (var line in OtherLines.Where(l => !l.StartsWith("i=", StringComparison.Ordinal))) sb.Append(line).Append("\r\n");
        foreach (var a in Attributes) sb.Append("a=").Append(a).Append("\r\n");
    }
}
