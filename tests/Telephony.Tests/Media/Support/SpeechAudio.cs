using System.Security.Cryptography;
using System.Text;
using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>
/// Real speech for tests: renders text with espeak-ng and converts it with sox to an 8 kHz mono
/// µ-law WAV, as a phone line would carry it. Files are cached in a temp folder by a hash of the
/// text and settings, so a test run renders each phrase once; safe to call from parallel tests.
/// </summary>
public static class SpeechAudio
{
    private static readonly string CacheFolder = Path.Combine(Path.GetTempPath(), "cc-speech-cache");

    /// <summary>Path of an 8 kHz µ-law WAV of <paramref name="text"/> spoken by espeak-ng.</summary>
    /// <param name="text">What to say.</param>
    /// <param name="voice">espeak-ng voice, e.g. "en-us".</param>
    /// <param name="wordsPerMinute">Speaking rate (espeak-ng -s).</param>
    public static string RenderWav(string text, string voice = "en-us", int wordsPerMinute = 160)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Cached($"speech|{voice}|{wordsPerMinute}|{text}", (raw, final) =>
        {
            SoxTool.Run("espeak-ng", "-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", raw, text);
            SoxTool.Run("sox", raw, "-r", "8000", "-c", "1", "-e", "mu-law", final);
        });
    }

    /// <summary>The speech of <paramref name="text"/> as a clip.</summary>
    public static AudioClip Render(string text, string voice = "en-us", int wordsPerMinute = 160) =>
        WavFile.ReadFile(RenderWav(text, voice, wordsPerMinute));

    /// <summary>Path of an 8 kHz µ-law WAV of a sine beep made with sox (a voicemail tone is 1 kHz, 0.5 s).</summary>
    public static string ToneWav(double frequencyHz = 1000, double seconds = 0.5)
    {
        var f = frequencyHz.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var s = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Cached($"tone|{f}|{s}", (_, final) =>
            SoxTool.Run("sox", "-n", "-r", "8000", "-c", "1", "-e", "mu-law", final, "synth", s, "sine", f, "vol", "0.5"));
    }

    /// <summary>The beep as a clip.</summary>
    public static AudioClip Tone(double frequencyHz = 1000, double seconds = 0.5) => WavFile.ReadFile(ToneWav(frequencyHz, seconds));

    private static string Cached(string key, Action<string, string> make)
    {
        Directory.CreateDirectory(CacheFolder);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24].ToLowerInvariant();
        var path = Path.Combine(CacheFolder, hash + ".wav");
        if (File.Exists(path)) return path;

        // Render to private names, then move into place: parallel tests never see half a file.
        var raw = Path.Combine(CacheFolder, $"{hash}.{Guid.NewGuid():N}.raw.wav");
        var temp = Path.Combine(CacheFolder, $"{hash}.{Guid.NewGuid():N}.tmp.wav");
        try
        {
            make(raw, temp);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another test rendered the same phrase first; theirs is identical.
            }
        }
        finally
        {
            File.Delete(raw);
            File.Delete(temp);
        }
        return path;
    }
}
