using System.Buffers.Binary;
using System.Text;
using ContactCenter.Telephony.Media.Codecs;

namespace ContactCenter.Telephony.Media.Audio;

/// <summary>
/// Reads and writes RIFF/WAVE files of telephone audio: 8 kHz mono, either 16-bit PCM (tag 1),
/// A-law (tag 6) or µ-law (tag 7), plus WAVE_FORMAT_EXTENSIBLE wrapping one of those. Anything
/// else is refused with an <see cref="UnsupportedAudioException"/> that says what to convert.
/// </summary>
public static class WavFile
{
    private const ushort TagPcm = 1;
    private const ushort TagALaw = 6;
    private const ushort TagMuLaw = 7;
    private const ushort TagExtensible = 0xFFFE;

    /// <summary>Largest file we load into memory (about 65 minutes of 16-bit audio).</summary>
    public const int MaxDataBytes = 64 * 1024 * 1024;

    /// <summary>Reads a WAV file from disk.</summary>
    public static AudioClip ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, out _);
    }

    /// <summary>Reads a WAV file from disk and tells its stored format.</summary>
    public static AudioClip ReadFile(string path, out WavFormat format)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, out format);
    }

    /// <summary>Reads a WAV file from a stream.</summary>
    public static AudioClip Read(Stream stream, out WavFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[12];
        if (!TryReadExactly(stream, header)) throw new UnsupportedAudioException("The file is too short to be a WAV file (no 12-byte RIFF header).");
        if (!header[..4].SequenceEqual("RIFF"u8)) throw new UnsupportedAudioException("Not a WAV file: it does not start with 'RIFF'.");
        if (!header[8..12].SequenceEqual("WAVE"u8)) throw new UnsupportedAudioException("Not a WAV file: the RIFF type is not 'WAVE'.");

        WavFormat? found = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (TryReadExactly(stream, chunkHeader))
        {
            string id = Encoding.ASCII.GetString(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (id == "fmt ")
            {
                if (size < 16 || size > 1024) throw new UnsupportedAudioException($"The WAV 'fmt ' chunk has an invalid size of {size} bytes.");
                var fmt = new byte[size];
                if (!TryReadExactly(stream, fmt)) throw new UnsupportedAudioException("The WAV 'fmt ' chunk is truncated.");
                found = ParseFormat(fmt);
                SkipPadding(stream, size);
            }
            else if (id == "data")
            {
                if (found is null) throw new UnsupportedAudioException("The WAV 'data' chunk comes before any 'fmt ' chunk.");
                format = found.Value;
                return ReadData(stream, size, format);
            }
            else
            {
                Skip(stream, size);
                SkipPadding(stream, size);
            }
        }
        throw new UnsupportedAudioException(found is null ? "The WAV file has no 'fmt ' chunk." : "The WAV file has no 'data' chunk.");
    }

    /// <summary>Writes a clip as a WAV file on disk.</summary>
    public static void WriteFile(string path, AudioClip clip, WavFormat format)
    {
        using var stream = File.Create(path);
        Write(stream, clip, format);
    }

    /// <summary>Writes a clip as a WAV file to a stream.</summary>
    public static void Write(Stream stream, AudioClip clip, WavFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(clip);
        var samples = clip.Samples.Span;
        byte[] data;
        if (format == WavFormat.Pcm16)
        {
            data = new byte[samples.Length * 2];
            for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), samples[i]);
        }
        else
        {
            data = G711.Encode(format == WavFormat.MuLaw ? G711Law.MuLaw : G711Law.ALaw, samples);
        }
        WriteEncoded(stream, format, data);
    }

    /// <summary>Writes already-encoded sample bytes (little-endian PCM16 or G.711 code words) as a WAV file.</summary>
    public static void WriteEncoded(Stream stream, WavFormat format, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(stream);
        bool pcm = format == WavFormat.Pcm16;
        int bytesPerSample = pcm ? 2 : 1;
        if (data.Length % bytesPerSample != 0) throw new ArgumentException("PCM16 data must have an even length.", nameof(data));

        // Non-PCM formats carry cbSize in 'fmt ' and a 'fact' chunk with the sample count (RIFF spec, WAVEFORMATEX).
        int fmtSize = pcm ? 16 : 18;
        int factSize = pcm ? 0 : 12;
        int padding = data.Length % 2;
        int riffSize = 4 + (8 + fmtSize) + factSize + (8 + data.Length + padding);

        var header = new byte[12 + 8 + fmtSize + factSize + 8];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], riffSize);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], fmtSize);
        ushort tag = format switch { WavFormat.Pcm16 => TagPcm, WavFormat.MuLaw => TagMuLaw, _ => TagALaw };
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], AudioClip.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], AudioClip.SampleRate * bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)(8 * bytesPerSample));
        int offset = 36;
        if (!pcm)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], 0); // cbSize
            offset += 2;
            "fact"u8.CopyTo(span[offset..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], 4);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 8)..], data.Length);
            offset += 12;
        }
        "data"u8.CopyTo(span[offset..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], data.Length);
        stream.Write(header);
        stream.Write(data);
        if (padding != 0) stream.WriteByte(0);
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        ushort channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == TagExtensible)
        {
            // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the SubFormat GUID at offset 24.
            if (fmt.Length < 40) throw new UnsupportedAudioException("The WAV file uses WAVE_FORMAT_EXTENSIBLE but its 'fmt ' chunk is too short.");
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        WavFormat format = tag switch
        {
            TagPcm => WavFormat.Pcm16,
            TagMuLaw => WavFormat.MuLaw,
            TagALaw => WavFormat.ALaw,
            _ => throw new UnsupportedAudioException($"WAV format tag {tag} is not supported; use 16-bit PCM (1), A-law (6) or µ-law (7), e.g. 'sox in.wav -r 8000 -c 1 -e mu-law out.wav'."),
        };
        if (channels != 1) throw new UnsupportedAudioException($"The WAV file has {channels} channels; only mono is supported (sox in.wav -c 1 out.wav).");
        if (rate != AudioClip.SampleRate) throw new UnsupportedAudioException($"The WAV file is sampled at {rate} Hz; only 8000 Hz is supported (sox in.wav -r 8000 out.wav).");
        int expectedBits = format == WavFormat.Pcm16 ? 16 : 8;
        if (bits != expectedBits) throw new UnsupportedAudioException($"The WAV file has {bits} bits per sample; {format} needs {expectedBits}.");
        return format;
    }

    private static AudioClip ReadData(Stream stream, uint declaredSize, WavFormat format)
    {
        // Streaming writers leave the size as 0 or 0xFFFFFFFF; then the data runs to the end of the file.
        long size = declaredSize;
        if (stream.CanSeek && (declaredSize == 0 || declaredSize == uint.MaxValue || stream.Position + declaredSize > stream.Length))
        {
            size = stream.Length - stream.Position;
        }
        if (size > MaxDataBytes) throw new UnsupportedAudioException($"The WAV data is {size} bytes; at most {MaxDataBytes} are supported.");
        var data = new byte[size];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        var bytes = data.AsSpan(0, read);
        return format switch
        {
            WavFormat.Pcm16 => new AudioClip(DecodePcm16(bytes)),
            WavFormat.MuLaw => AudioClip.FromG711(G711Law.MuLaw, bytes),
            _ => AudioClip.FromG711(G711Law.ALaw, bytes),
        };
    }

    private static short[] DecodePcm16(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        return samples;
    }

    private static bool TryReadExactly(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    private static void SkipPadding(Stream stream, uint size)
    {
        // RIFF chunks are word aligned: an odd-sized chunk is followed by one pad byte.
        if (size % 2 == 1) Skip(stream, 1);
    }

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            stream.Seek(Math.Min(count, stream.Length - stream.Position), SeekOrigin.Current);
            return;
        }
        var buffer = new byte[4096];
        while (count > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) return;
            count -= read;
        }
    }
}
