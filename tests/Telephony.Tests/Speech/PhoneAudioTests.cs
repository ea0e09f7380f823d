using System.Diagnostics;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class PhoneAudioTests
{
    [Fact]
    public void MuLaw_KnownCodes()
    {
        Assert.Equal(0xFF, PhoneAudio.EncodeMuLaw([0])[0]);
        Assert.Equal(0, PhoneAudio.DecodeMuLaw([0xFF])[0]);
        Assert.Equal(-32124, PhoneAudio.DecodeMuLaw([0x00])[0]);
        Assert.Equal(32124, PhoneAudio.DecodeMuLaw([0x80])[0]);
        Assert.Equal(0x80, PhoneAudio.EncodeMuLaw([short.MaxValue])[0]);
        Assert.Equal(0x00, PhoneAudio.EncodeMuLaw([short.MinValue])[0]);
    }

    [Fact]
    public void MuLaw_RoundTripErrorStaysWithinQuantisationStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x += 7)
        {
            var back = PhoneAudio.DecodeMuLaw(PhoneAudio.EncodeMuLaw([(short)x]))[0];
            // G.711 steps grow with magnitude: 1/16 of a segment, at most 1024 in the top segment.
            Assert.True(Math.Abs(back - x) <= Math.Max(8, Math.Abs(x) / 16 + 1), $"{x} → {back}");
        }
    }

    [Fact]
    // -D: sox dithers by default when reducing to 8 bits, which would make its output random.
    public async Task MuLaw_EncoderAgreesWithSox()
    {
        var pcm = Enumerable.Range(0, 4000).Select(i => (short)((i * 16) - 32000)).ToArray();
        var info = new ProcessStartInfo("sox", ["-D", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", "-", "-t", "ul", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var sox = Process.Start(info)!;
        var reading = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            sox.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        sox.StandardInput.BaseStream.Write(PhoneAudio.ToBytes(pcm));
        sox.StandardInput.Close();
        var expected = await reading;
        await sox.WaitForExitAsync();

        var ours = PhoneAudio.EncodeMuLaw(pcm);

        Assert.Equal(expected.Length, ours.Length);
        var differing = expected.Zip(ours).Count(p => p.First != p.Second);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void ZeroStuff_InsertsAZeroAfterEverySample()
    {
        Assert.Equal(new short[] { 5, 0, -7, 0, 300, 0 }, PhoneAudio.ZeroStuffTo16k([5, -7, 300]));
        Assert.Empty(PhoneAudio.ZeroStuffTo16k([]));
    }

    [Fact]
    public void ToBytes_IsLittleEndian()
    {
        Assert.Equal(new byte[] { 0x34, 0x12, 0xFF, 0xFF }, PhoneAudio.ToBytes([0x1234, -1]));
    }
}
