using System.Text;

namespace ContactCenter.Api.Tests.Leads;

/// <summary>
/// A read-only stream that produces a CSV on the fly: a prefix, then <c>fillerBytes</c> of one
/// repeated character (a huge field on one line), then a suffix. Lets a test upload tens of
/// megabytes without holding them.
/// </summary>
public sealed class GeneratedCsvStream(string prefix, long fillerBytes, string suffix) : Stream
{
    private readonly byte[] head = Encoding.UTF8.GetBytes(prefix);
    private readonly byte[] tail = Encoding.UTF8.GetBytes(suffix);
    private long position;

    public override long Length => head.Length + fillerBytes + tail.Length;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, (int)Math.Min(count, Length - position));
        var written = 0;
        while (written < span.Length)
        {
            var rest = span[written..];
            int n;
            if (position < head.Length) { n = Math.Min(rest.Length, head.Length - (int)position); head.AsSpan((int)position, n).CopyTo(rest); }
            else if (position < head.Length + fillerBytes) { n = (int)Math.Min(rest.Length, head.Length + fillerBytes - position); rest[..n].Fill((byte)'x'); }
            else { var at = (int)(position - head.Length - fillerBytes); n = Math.Min(rest.Length, tail.Length - at); tail.AsSpan(at, n).CopyTo(rest); }
            written += n;
            position += n;
        }
        return written;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
