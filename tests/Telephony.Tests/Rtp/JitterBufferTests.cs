using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Tests.Rtp;

public sealed class JitterBufferTests
{
    private static RtpPacket P(int sequence, uint ssrc = 1) => new(0, (ushort)sequence, (uint)(sequence * 160), ssrc, new byte[] { (byte)sequence });

    private static List<int> PopAll(JitterBuffer buffer, List<int>? lost = null)
    {
        var result = new List<int>();
        while (buffer.TryPop(out var packet, out int lostBefore))
        {
            result.Add(packet!.SequenceNumber);
            lost?.Add(lostBefore);
        }
        return result;
    }

    [Fact]
    public void Reordered_AcrossTheWrap_ComeOutInOrder()
    {
        var buffer = new JitterBuffer(capacity: 10, reorderDepth: 3);
        var output = new List<int>();
        foreach (int s in new[] { 65533, 65535, 65534, 1, 0, 2, 3 })
        {
            Assert.Equal(JitterBufferPushResult.Accepted, buffer.Push(P(s)));
            output.AddRange(PopAll(buffer));
        }
        Assert.Equal(new[] { 65533, 65534, 65535, 0, 1, 2, 3 }, output);
        Assert.Equal(0, buffer.Lost);
    }

    [Fact]
    public void DuplicatesAndLatePackets_AreDropped()
    {
        var buffer = new JitterBuffer(10, 2);
        buffer.Push(P(10));
        Assert.Equal(JitterBufferPushResult.Duplicate, buffer.Push(P(10)));
        Assert.Equal(new[] { 10 }, PopAll(buffer));
        Assert.Equal(JitterBufferPushResult.Late, buffer.Push(P(10)));
        Assert.Equal(JitterBufferPushResult.Late, buffer.Push(P(9)));
        Assert.Equal(1, buffer.Duplicates);
        Assert.Equal(2, buffer.Late);
    }

    [Fact]
    public void Gap_IsWaitedForThenCountedAsLoss()
    {
        var buffer = new JitterBuffer(10, reorderDepth: 2);
        var lost = new List<int>();
        buffer.Push(P(1));
        Assert.Equal(new[] { 1 }, PopAll(buffer, lost));
        buffer.Push(P(3));
        buffer.Push(P(4));
        Assert.Empty(PopAll(buffer)); // 2 may still come
        buffer.Push(P(5));
        Assert.Equal(new[] { 3, 4, 5 }, PopAll(buffer, lost));
        Assert.Equal(new[] { 0, 1, 0, 0 }, lost);
        Assert.Equal(1, buffer.Lost);
        Assert.Equal(JitterBufferPushResult.Late, buffer.Push(P(2)));
    }

    [Fact]
    public void Depth_IsBounded()
    {
        var buffer = new JitterBuffer(capacity: 5, reorderDepth: 4);
        // Nobody pops: the buffer keeps only the newest five.
        for (int s = 0; s < 12; s++) buffer.Push(P(s));
        Assert.Equal(5, buffer.Depth);
        Assert.Equal(7, buffer.Overflowed);
        Assert.Equal(new[] { 7, 8, 9, 10, 11 }, PopAll(buffer));
    }

    [Fact]
    public void Flush_ReturnsEverythingWithGaps()
    {
        var buffer = new JitterBuffer(10, 5);
        buffer.Push(P(1));
        buffer.Push(P(4));
        var flushed = buffer.Flush();
        Assert.Equal(new[] { 1, 4 }, flushed.Select(f => (int)f.Packet.SequenceNumber));
        Assert.Equal(new[] { 0, 2 }, flushed.Select(f => f.LostBefore));
        Assert.Equal(2, buffer.Lost);
    }

    [Fact]
    public void NewSsrcOrHugeJump_RestartsTheStream()
    {
        var buffer = new JitterBuffer(10, 2);
        buffer.Push(P(100));
        PopAll(buffer);
        Assert.Equal(JitterBufferPushResult.Restarted, buffer.Push(P(5000)));
        Assert.Equal(new[] { 5000 }, PopAll(buffer));
        Assert.Equal(JitterBufferPushResult.Restarted, buffer.Push(P(7, ssrc: 2)));
        Assert.Equal(new[] { 7 }, PopAll(buffer));
        Assert.Equal(0, buffer.Lost);
        Assert.Equal(2, buffer.Restarts);
    }

    [Fact]
    public void RandomShuffles_NeverReorderOrDuplicateOutput()
    {
        var random = new Random(11);
        for (int run = 0; run < 50; run++)
        {
            var buffer = new JitterBuffer(20, 4);
            int start = random.Next(65536);
            var sequence = Enumerable.Range(0, 300).Select(i => (start + i) & 0xFFFF).ToList();
            // Local shuffles of up to 3 positions, some losses and duplicates.
            for (int i = 0; i < sequence.Count - 3; i++) if (random.Next(4) == 0) (sequence[i], sequence[i + 2]) = (sequence[i + 2], sequence[i]);
            var output = new List<int>();
            foreach (int s in sequence)
            {
                if (random.Next(20) == 0) continue;
                buffer.Push(P(s));
                if (random.Next(20) == 0) buffer.Push(P(s));
                output.AddRange(PopAll(buffer));
            }
            output.AddRange(buffer.Flush().Select(f => (int)f.Packet.SequenceNumber));
            var unwrapped = output.Select(s => (s - start) & 0xFFFF).ToList();
            Assert.Equal(unwrapped.OrderBy(x => x).Distinct(), unwrapped);
            Assert.Equal(unwrapped[^1] - unwrapped[0] + 1, output.Count + buffer.Lost);
        }
    }
}
