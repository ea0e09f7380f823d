using ContactCenter.Telephony.Media.Codecs;

namespace ContactCenter.Telephony.Media.Audio;

/// <summary>Loads playable audio by file name: WAV, or raw G.711 by extension.</summary>
public static class AudioFiles
{
    /// <summary>
    /// Loads <paramref name="path"/>: <c>.wav</c> through <see cref="WavFile"/>; <c>.ul</c>, <c>.ulaw</c>,
    /// <c>.mulaw</c>, <c>.pcmu</c> as raw µ-law; <c>.al</c>, <c>.alaw</c>, <c>.pcma</c> as raw A-law.
    /// </summary>
    public static AudioClip Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Audio file '{path}' does not exist.", path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".wav" => WavFile.ReadFile(path),
            ".ul" or ".ulaw" or ".mulaw" or ".pcmu" or ".u8" => ReadRawG711(path, G711Law.MuLaw),
            ".al" or ".alaw" or ".pcma" or ".a8" => ReadRawG711(path, G711Law.ALaw),
            _ => throw new UnsupportedAudioException($"Audio file '{Path.GetFileName(path)}' has an unknown extension '{extension}'; use .wav, .ulaw or .alaw."),
        };
    }

    /// <summary>Reads headerless G.711 code words (8 kHz, one byte per sample).</summary>
    public static AudioClip ReadRawG711(string path, G711Law law)
    {
        var info = new FileInfo(path);
        if (info.Length > WavFile.MaxDataBytes) throw new UnsupportedAudioException($"Raw audio file '{info.Name}' is {info.Length} bytes; at most {WavFile.MaxDataBytes} are supported.");
        return AudioClip.FromG711(law, File.ReadAllBytes(path));
    }

    /// <summary>Writes headerless G.711 code words.</summary>
    public static void WriteRawG711(string path, AudioClip clip, G711Law law)
    {
        ArgumentNullException.ThrowIfNull(clip);
        File.WriteAllBytes(path, clip.ToG711(law));
    }
}
