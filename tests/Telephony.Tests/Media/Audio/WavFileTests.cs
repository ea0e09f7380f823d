using System.Buffers.Binary;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Audio;

public sealed class WavFileTests
{
    private static AudioClip Sweep() =>
        new(Enumerable.Range(0, 1234).Select(i => (short)(12000 * Math.Sin(i * i / 4000.0))).ToArray());

    [Fact]
    public void Pcm16_RoundTripsExactly()
    {
        var clip = Sweep();
        using var stream = new MemoryStream();
        WavFile.Write(stream, clip, WavFormat.Pcm16);
        Assert.Equal(44 + 2 * 1234, stream.Length);
        stream.Position = 0;
        var back = WavFile.Read(stream, out var format);
        Assert.Equal(WavFormat.Pcm16, format);
        Assert.Equal(clip.Samples.ToArray(), back.Samples.ToArray());
    }

    [Theory]
    [InlineData(WavFormat.MuLaw, G711Law.MuLaw)]
    [InlineData(WavFormat.ALaw, G711Law.ALaw)]
    public void G711Wav_RoundTripsTheCodeWords(WavFormat wavFormat, G711Law law)
    {
        var clip = Sweep();
        using var stream = new MemoryStream();
        WavFile.Write(stream, clip, wavFormat);
        // Odd data length: one pad byte keeps the RIFF chunk word aligned.
        Assert.Equal(58 + 1234, stream.Length);
        stream.Position = 0;
        var back = WavFile.Read(stream, out var format);
        Assert.Equal(wavFormat, format);
        Assert.Equal(clip.ToG711(law), back.ToG711(law));
    }

    [Theory]
    [InlineData("signed-integer", "16", WavFormat.Pcm16)]
    [InlineData("mu-law", "8", WavFormat.MuLaw)]
    [InlineData("a-law", "8", WavFormat.ALaw)]
    public void ReadsWavFilesMadeBySox(string encoding, string bits, WavFormat expected)
    {
        var path = SoxTool.TempPath(".wav");
        try
        {
            SoxTool.Run("sox", "-n", "-r", "8000", "-c", "1", "-e", encoding, "-b", bits, path, "synth", "0.25", "sine", "1000", "vol", "0.5");
            var clip = WavFile.ReadFile(path, out var format);
            Assert.Equal(expected, format);
            Assert.Equal(2000, clip.Length);
            double peak = clip.Samples.ToArray().Max(s => Math.Abs((int)s));
            Assert.InRange(peak, 15000, 17500);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(WavFormat.Pcm16, "Signed Integer PCM")]
    [InlineData(WavFormat.MuLaw, "u-law")]
    [InlineData(WavFormat.ALaw, "A-law")]
    public void WrittenFiles_AreUnderstoodBySox(WavFormat format, string soxEncodingName)
    {
        var path = SoxTool.TempPath(".wav");
        var info = SoxTool.TempPath(".txt");
        try
        {
            WavFile.WriteFile(path, Sweep(), format);
            // sox converts our file to a text dump; any header error makes it fail.
            SoxTool.Run("sox", "-V1", path, "-t", "dat", info);
            var lines = File.ReadAllLines(info);
            Assert.Contains("; Sample Rate 8000", lines);
            Assert.Equal(1234, lines.Count(l => !l.StartsWith(';')));
            Assert.Equal(soxEncodingName, SoxTool.Run("soxi", "-e", path).Trim());
        }
        finally
        {
            File.Delete(path);
            File.Delete(info);
        }
    }

    [Fact]
    public void RawG711_LoadsByExtension()
    {
        var clip = Sweep();
        var mu = SoxTool.TempPath(".ulaw");
        var a = SoxTool.TempPath(".alaw");
        try
        {
            AudioFiles.WriteRawG711(mu, clip, G711Law.MuLaw);
            AudioFiles.WriteRawG711(a, clip, G711Law.ALaw);
            Assert.Equal(1234, new FileInfo(mu).Length);
            Assert.Equal(clip.ToG711(G711Law.MuLaw), AudioFiles.Load(mu).ToG711(G711Law.MuLaw));
            Assert.Equal(clip.ToG711(G711Law.ALaw), AudioFiles.Load(a).ToG711(G711Law.ALaw));
        }
        finally
        {
            File.Delete(mu);
            File.Delete(a);
        }
    }

    [Theory]
    [InlineData("-r", "16000", "-c", "1", "-e", "signed-integer", "-b", "16", "16000 Hz")]
    [InlineData("-r", "8000", "-c", "2", "-e", "signed-integer", "-b", "16", "2 channels")]
    [InlineData("-r", "8000", "-c", "1", "-e", "unsigned-integer", "-b", "8", "8 bits")]
    [InlineData("-r", "8000", "-c", "1", "-e", "ima-adpcm", "-b", "4", "format tag 17")]
    [InlineData("-r", "8000", "-c", "1", "-e", "floating-point", "-b", "32", "format tag 3")]
    public void UnsupportedSoxFiles_GiveAClearError(string a1, string a2, string a3, string a4, string a5, string a6, string a7, string a8, string expectedText)
    {
        var path = SoxTool.TempPath(".wav");
        try
        {
            SoxTool.Run("sox", "-n", a1, a2, a3, a4, a5, a6, a7, a8, path, "synth", "0.1", "sine", "440");
            var error = Assert.Throws<UnsupportedAudioException>(() => WavFile.ReadFile(path));
            Assert.Contains(expectedText, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "too short")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'X', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, "RIFF")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'A', (byte)'V', (byte)'I', (byte)' ' }, "WAVE")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, "no 'fmt '")]
    public void MalformedHeaders_GiveAClearError(byte[] bytes, string expectedText)
    {
        var error = Assert.Throws<UnsupportedAudioException>(() => WavFile.Read(new MemoryStream(bytes), out _));
        Assert.Contains(expectedText, error.Message);
    }

    [Fact]
    public void MissingDataChunk_AndTruncatedFmt_GiveAClearError()
    {
        using var full = new MemoryStream();
        WavFile.Write(full, Sweep(), WavFormat.Pcm16);
        var bytes = full.ToArray();

        var noData = bytes[..36];
        Assert.Contains("no 'data'", Assert.Throws<UnsupportedAudioException>(() => WavFile.Read(new MemoryStream(noData), out _)).Message);

        var truncatedFmt = bytes[..30];
        Assert.Contains("truncated", Assert.Throws<UnsupportedAudioException>(() => WavFile.Read(new MemoryStream(truncatedFmt), out _)).Message);
    }

    [Fact]
    public void StreamingSizeAndTruncatedData_ReadWhatIsThere()
    {
        using var full = new MemoryStream();
        WavFile.Write(full, Sweep(), WavFormat.Pcm16);
        var bytes = full.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), uint.MaxValue);
        Assert.Equal(1234, WavFile.Read(new MemoryStream(bytes), out _).Length);
        Assert.Equal(100, WavFile.Read(new MemoryStream(bytes[..244]), out _).Length);
    }

    [Fact]
    public void UnknownExtension_AndMissingFile_GiveAClearError()
    {
        Assert.Throws<FileNotFoundException>(() => AudioFiles.Load("/nonexistent/x.wav"));
        var path = SoxTool.TempPath(".mp3");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            Assert.Contains(".mp3", Assert.Throws<UnsupportedAudioException>(() => AudioFiles.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnknownOddChunks_AreSkipped_AndExtensibleFormatIsUnderstood()
    {
        using var full = new MemoryStream();
        WavFile.Write(full, Sweep(), WavFormat.Pcm16);
        var bytes = full.ToArray();

        // Insert a 3-byte LIST chunk (plus its pad byte) between 'fmt ' and 'data'.
        byte[] list = [(byte)'L', (byte)'I', (byte)'S', (byte)'T', 3, 0, 0, 0, 1, 2, 3, 0];
        var withList = bytes[..36].Concat(list).Concat(bytes[36..]).ToArray();
        Assert.Equal(Sweep().Samples.ToArray(), WavFile.Read(new MemoryStream(withList), out _).Samples.ToArray());

        // WAVE_FORMAT_EXTENSIBLE: 40-byte 'fmt ' whose SubFormat GUID starts with tag 7 (µ-law).
        var clip = Sweep();
        var codes = clip.ToG711(G711Law.MuLaw);
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), 8000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 7);
        using var extensible = new MemoryStream();
        extensible.Write("RIFF"u8);
        extensible.Write(BitConverter.GetBytes(4 + 48 + 8 + codes.Length));
        extensible.Write("WAVEfmt "u8);
        extensible.Write(BitConverter.GetBytes(40));
        extensible.Write(fmt);
        extensible.Write("data"u8);
        extensible.Write(BitConverter.GetBytes(codes.Length));
        extensible.Write(codes);
        extensible.Position = 0;
        var back = WavFile.Read(extensible, out var format);
        Assert.Equal(WavFormat.MuLaw, format);
        Assert.Equal(codes, back.ToG711(G711Law.MuLaw));
    }
}
