using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

public sealed class SipStreamFramerTests
{
    [Fact]
    public void TryReadMessage_SplitsCoalescedAndFragmentedStream()
    {
        var one = SampleMessages.Bytes(SampleMessages.Invite);
        var stream = (byte[])[.. "\r\n\r\n"u8.ToArray(), .. one, .. one];
        var framer = new SipStreamFramer();
        var messages = new List<byte[]>();

        // Feed three bytes at a time to exercise every split point.
        for (var i = 0; i < stream.Length; i += 3)
        {
            framer.Append(stream.AsSpan(i, Math.Min(3, stream.Length - i)));
            while (framer.TryReadMessage(out var message)) messages.Add(message);
        }

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(one, m));
        Assert.Equal(0, framer.Buffered);
    }

    [Fact]
    public void TryReadMessage_WithoutContentLength_Throws()
    {
        var framer = new SipStreamFramer();
        framer.Append(SampleMessages.Bytes(SampleMessages.Options));
        Assert.Throws<SipParseException>(() => framer.TryReadMessage(out _));
    }

    [Fact]
    public void TryReadMessage_EndlessHeaders_HitsSizeCap()
    {
        var framer = new SipStreamFramer(maxMessageSize: 1024);
        Assert.Throws<SipParseException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                framer.Append("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"u8);
                framer.TryReadMessage(out _);
            }
        });
    }
}
