using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Codecs;

public sealed class G711Tests
{
    [Theory]
    [InlineData((short)0, (byte)0xFF)]
    [InlineData((short)32767, (byte)0x80)]
    [InlineData((short)-32768, (byte)0x00)]
    [InlineData((short)1000, (byte)0xCE)]
    [InlineData((short)-1000, (byte)0x4E)]
    public void MuLaw_Encode_KnownValues(short sample, byte expected) => Assert.Equal(expected, MuLaw.Encode(sample));

    [Theory]
    [InlineData((byte)0xFF, (short)0)]
    [InlineData((byte)0x7F, (short)0)]
    [InlineData((byte)0x80, (short)32124)]
    [InlineData((byte)0x00, (short)-32124)]
    [InlineData((byte)0xFE, (short)8)]
    [InlineData((byte)0xCE, (short)988)]
    public void MuLaw_Decode_KnownValues(byte code, short expected) => Assert.Equal(expected, MuLaw.Decode(code));

    [Theory]
    [InlineData((short)0, (byte)0xD5)]
    [InlineData((short)-1, (byte)0x55)]
    [InlineData((short)32767, (byte)0xAA)]
    [InlineData((short)-32768, (byte)0x2A)]
    public void ALaw_Encode_KnownValues(short sample, byte expected) => Assert.Equal(expected, ALaw.Encode(sample));

    [Theory]
    [InlineData((byte)0xD5, (short)8)]
    [InlineData((byte)0x55, (short)-8)]
    [InlineData((byte)0xAA, (short)32256)]
    [InlineData((byte)0x2A, (short)-32256)]
    public void ALaw_Decode_KnownValues(byte code, short expected) => Assert.Equal(expected, ALaw.Decode(code));

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void EveryCodeWord_DecodesAndReencodesToItself(G711Law law)
    {
        for (int code = 0; code < 256; code++)
        {
            // µ-law has two zeros (0xFF and 0x7F); the encoder only emits the positive one.
            byte expected = law == G711Law.MuLaw && code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, G711.Encode(law, G711.Decode(law, (byte)code)));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void EverySample_RoundTripsWithinHalfAStepAndMonotonically(G711Law law)
    {
        int previous = int.MinValue;
        for (int sample = short.MinValue; sample <= short.MaxValue; sample++)
        {
            short decoded = G711.Decode(law, G711.Encode(law, (short)sample));
            Assert.True(decoded >= previous, $"not monotonic at {sample}");
            previous = decoded;

            // Step size grows with the segment: about 1/16 of the magnitude, at least 8 (A-law) or 4 (µ-law),
            // and the top segment clips at the largest code word.
            int magnitude = Math.Abs(sample);
            int allowed = Math.Max(16, magnitude / 16) + (magnitude > 32000 ? 700 : 0);
            Assert.True(Math.Abs(decoded - sample) <= allowed, $"{law}: {sample} decoded as {decoded}");
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw, "u-law")]
    [InlineData(G711Law.ALaw, "a-law")]
    public void DecodeTable_MatchesSox(G711Law law, string soxEncoding)
    {
        var codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var input = SoxTool.TempPath(".raw");
        var output = SoxTool.TempPath(".raw");
        File.WriteAllBytes(input, codes);
        try
        {
            SoxTool.Run("sox", "-t", "raw", "-r", "8000", "-c", "1", "-e", soxEncoding, "-b", "8", input,
                "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", output);
            var bytes = File.ReadAllBytes(output);
            Assert.Equal(512, bytes.Length);
            for (int i = 0; i < 256; i++)
            {
                short soxValue = (short)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
                Assert.Equal(soxValue, G711.Decode(law, (byte)i));
            }
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw, "u-law")]
    [InlineData(G711Law.ALaw, "a-law")]
    public void Encoder_AgreesWithSoxWithinOneStep(G711Law law, string soxEncoding)
    {
        // Every 7th 16-bit value covers all segments and both signs.
        var samples = Enumerable.Range(0, 65536 / 7).Select(i => (short)(short.MinValue + i * 7)).ToArray();
        var input = SoxTool.TempPath(".raw");
        var output = SoxTool.TempPath(".raw");
        File.WriteAllBytes(input, samples.SelectMany(s => new[] { (byte)s, (byte)(s >> 8) }).ToArray());
        try
        {
            // -D: no dither, so sox quantises exactly.
            SoxTool.Run("sox", "-D", "-t", "raw", "-r", "8000", "-c", "1", "-e", "signed-integer", "-b", "16", "-L", input,
                "-t", "raw", "-e", soxEncoding, "-b", "8", output);
            var sox = File.ReadAllBytes(output);
            Assert.Equal(samples.Length, sox.Length);
            // sox rounds to the 13/14-bit grid where we truncate the magnitude (both are G.711 conformant),
            // so a code word may be the neighbouring one, never further away.
            for (int i = 0; i < samples.Length; i++)
            {
                int ours = G711.Decode(law, G711.Encode(law, samples[i]));
                int theirs = G711.Decode(law, sox[i]);
                int step = Math.Max(16, Math.Abs((int)samples[i]) / 8);
                Assert.True(Math.Abs(ours - theirs) <= step, $"{samples[i]}: ours {ours}, sox {theirs}");
            }
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public void Transcode_MuLawToALaw_PreservesLevel()
    {
        var pcm = Enumerable.Range(0, 160).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0))).ToArray();
        var mu = G711.Encode(G711Law.MuLaw, pcm);
        var a = new byte[mu.Length];
        G711.Transcode(G711Law.MuLaw, G711Law.ALaw, mu, a);
        var back = G711.Decode(G711Law.ALaw, a);
        for (int i = 0; i < pcm.Length; i++) Assert.InRange(back[i] - pcm[i], -600, 600);
    }

    [Fact]
    public void Encode_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => G711.Encode(G711Law.MuLaw, new short[10], new byte[9]));
        Assert.Throws<ArgumentException>(() => G711.Decode(G711Law.ALaw, new byte[10], new short[9]));
    }

    [Fact]
    public void PayloadTypes_AreTheStaticOnes()
    {
        Assert.Equal(0, G711.PayloadType(G711Law.MuLaw));
        Assert.Equal(8, G711.PayloadType(G711Law.ALaw));
        Assert.Equal(G711Law.ALaw, G711.LawOfPayloadType(8));
        Assert.Null(G711.LawOfPayloadType(18));
    }
}
