using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// Cuts a TCP byte stream into messages using Content-Length (RFC 3261 §18.3). A stream without a
/// usable Content-Length cannot be resynchronised, so that raises <see cref="SipParseException"/>
/// and the connection should be closed.
/// </summary>
public sealed class SipStreamFramer(int maxMessageSize = 64 * 1024)
{
    private byte[] buffer = new byte[4096];
    private int count;

    /// <summary>Bytes received but not yet returned as a message.</summary>
    public int Buffered => count;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (count + data.Length > buffer.Length)
        {
            if (count + data.Length > maxMessageSize * 2) throw new SipParseException("Stream buffer limit exceeded.");
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, count + data.Length));
        }
        data.CopyTo(buffer.AsSpan(count));
        count += data.Length;
    }

    /// <summary>Returns the next complete message's bytes, or false when more data is needed.</summary>
    public bool TryReadMessage(out byte[] message)
    {
        message = [];
        var skip = 0;
        while (skip < count && buffer[skip] is (byte)'\r' or (byte)'\n') skip++;
        if (skip > 0) Consume(skip);
        if (count == 0) return false;

        var span = buffer.AsSpan(0, count);
        var headerEnd = SipMessageParser.FindHeaderEnd(span, out var bodyStart);
        if (headerEnd < 0)
        {
            if (count > maxMessageSize) throw new SipParseException("Headers exceed the message size limit.");
            return false;
        }
        var length = ReadContentLength(span[..headerEnd]);
        if (bodyStart + length > maxMessageSize) throw new SipParseException("Message exceeds the size limit.");
        if (count < bodyStart + length) return false;
        message = span[..(bodyStart + length)].ToArray();
        Consume(bodyStart + length);
        return true;
    }

    private void Consume(int n)
    {
        Buffer.BlockCopy(buffer, n, buffer, 0, count - n);
        count -= n;
    }

    private int ReadContentLength(ReadOnlySpan<byte> headers)
    {
        var text = Encoding.Latin1.GetString(headers);
        foreach (var rawLine in text.Split('\n'))
        {
            var colon = rawLine.IndexOf(':');
            if (colon <= 0 || rawLine[0] is ' ' or '\t') continue;
            var name = rawLine[..colon].Trim();
            if (SipHeaderNames.Normalize(name) == SipHeaderNames.ContentLength)
            {
                return (int)SipText.ParseNumber(rawLine[(colon + 1)..].Trim(), maxMessageSize, "Content-Length");
            }
        }
        throw new SipParseException("Content-Length is required on stream transports.");
    }
}
