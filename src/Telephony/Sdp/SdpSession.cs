using System.Globalization;
using System.Text;

namespace ContactCenter.Telephony.Sdp;

/// <summary>A session description (RFC 4566): session lines, then media descriptions.</summary>
public sealed class SdpSession
{
    public SdpSession(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    public SdpOrigin Origin { get; set; }

    public string SessionName { get; }

    public SdpConnection? Connection { get; set; }

    /// <summary>The "t=" line; "0 0" for an unbounded session.</summary>
    public string Timing { get; set; } = "0 0";

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Session-level lines we do not interpret (i=, u=, e=, p=, b=, r=, z=, k=).</summary>
    public List<string> OtherLines { get; } = [];

    public List<SdpMedia> Media { get; } = [];

    /// <summary>The session-level direction, or null (meaning sendrecv).</summary>
    public SdpDirection? Direction
    {
        get => ReadDirection(Attributes);
        set => WriteDirection(Attributes, value);
    }

    /// <summary>The first audio stream with a non-zero port, or null.</summary>
    public SdpMedia? Audio => Media.FirstOrDefault(m => m.Media == "audio" && m.Port != 0);

    /// <summary>The connection that applies to a stream: its own c= line, else the session's.</summary>
    public SdpConnection? ConnectionFor(SdpMedia media) => media.Connection ?? Connection;

    /// <summary>A stream's direction, from its own attribute, the session's, or sendrecv.</summary>
    public SdpDirection DirectionOf(SdpMedia media) => media.Direction ?? Direction ?? SdpDirection.SendRecv;

    public static SdpSession Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0).ToList();
        if (lines.Count < 3 || lines[0] != "v=0") throw new SdpParseException("SDP must start with v=0.");

        SdpOrigin? origin = null;
        string? name = null;
        SdpSession? session = null;
        SdpMedia? media = null;
        var pendingSessionLines = new List<(char Type, string Value)>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0])) throw new SdpParseException($"Invalid SDP line '{Shorten(line)}'.");
            var type = line[0];
            var value = line[2..];
            if (session is null)
            {
                if (type == 'o') { origin = SdpOrigin.Parse(value); continue; }
                if (type == 's') { name = value; continue; }
                if (type != 'm') { pendingSessionLines.Add((type, value)); continue; }
                if (origin is null || name is null) throw new SdpParseException("SDP needs o= and s= lines.");
                session = CreateSession(origin, name, pendingSessionLines);
            }

            switch (type)
            {
                case 'm':
                    media = ParseMedia(value);
                    session!.Media.Add(media);
                    break;
                case 'c':
                    media!.Connection = SdpConnection.Parse(value);
                    break;
                case 'a':
                    media!.Attributes.Add(SdpAttribute.Parse(value));
                    break;
                default:
                    media!.OtherLines.Add(line);
                    break;
            }
        }
        session ??= origin is not null && name is not null ? CreateSession(origin, name, pendingSessionLines) : throw new SdpParseException("SDP needs o= and s= lines.");
        return session;
    }

    private static SdpSession CreateSession(SdpOrigin origin, string name, List<(char Type, string Value)> lines)
    {
        var session = new SdpSession(origin, name);
        foreach (var (type, value) in lines)
        {
            switch (type)
            {
                case 'c': session.Connection = SdpConnection.Parse(value); break;
                case 't': session.Timing = value; break;
                case 'a': session.Attributes.Add(SdpAttribute.Parse(value)); break;
                default: session.OtherLines.Add($"{type}={value}"); break;
            }
        }
        return session;
    }

    private static SdpMedia ParseMedia(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4) throw new SdpParseException($"Invalid media line '{Shorten(value)}'.");
        var portText = parts[1].Split('/')[0];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new SdpParseException($"Invalid media port '{Shorten(parts[1])}'.");
        }
        return new SdpMedia(parts[0], port, parts[2], parts.Skip(3));
    }

    public override string ToString()
    {
        var sb = new StringBuilder(256);
        sb.Append("v=0\r\n");
        sb.Append("o=").Append(Origin).Append("\r\n");
        sb.Append("s=").Append(SessionName).Append("\r\n");
        foreach (var line in OtherLines.Where(l => l[0] is 'i' or 'u' or 'e' or 'p')) sb.Append(line).Append("\r\n");
        if (Connection is not null) sb.Append("c=").Append(Connection).Append("\r\n");
        foreach (var line in OtherLines.Where(l => l[0] == 'b')) sb.Append(line).Append("\r\n");
        sb.Append("t=").Append(Timing).Append("\r\n");
        foreach (var line in OtherLines.Where(l => l[0] is not ('i' or 'u' or 'e' or 'p' or 'b'))) sb.Append(line).Append("\r\n");
        foreach (var a in Attributes) sb.Append("a=").Append(a).Append("\r\n");
        foreach (var m in Media) m.WriteTo(sb);
        return sb.ToString();
    }

    internal static SdpDirection? ReadDirection(List<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            switch (a.Name)
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }
        return null;
    }

    internal static void WriteDirection(List<SdpAttribute> attributes, SdpDirection? direction)
    {
        attributes.RemoveAll(a => a.Name is "sendrecv" or "sendonly" or "recvonly" or "inactive");
        if (direction is { } d) attributes.Add(new SdpAttribute(d.ToString().ToLowerInvariant()));
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
