using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>Serialises messages: start line, headers, a Content-Length always present, body.</summary>
public static class SipMessageWriter
{
    public static byte[] Write(SipMessage message)
    {
        var sb = new StringBuilder(512);
        sb.Append(message.StartLine).Append("\r\n");
        foreach (var header in message.Headers)
        {
            if (header.Name == SipHeaderNames.ContentLength) continue;
            // A value with a line break would let a caller inject headers.
            if (header.Value.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new InvalidOperationException($"Header {header.Name} contains a line break.");
            sb.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }
        // Always written: mandatory on TCP (§20.14), and harmless on UDP.
        sb.Append(SipHeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n\r\n");
        var headerBytes = Encoding.UTF8.GetByteCount(sb.ToString());
        var buffer = new byte[headerBytes + message.Body.Length];
        Encoding.UTF8.GetBytes(sb.ToString(), buffer);
        message.Body.Span.CopyTo(buffer.AsSpan(headerBytes));
        return buffer;
    }
}
