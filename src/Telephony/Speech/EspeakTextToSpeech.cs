using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Text to speech with espeak-ng, converted by sox to 8 kHz G.711 µ-law and cached on disk by a SHA-256 of
/// (voice, rate, text): a broadcast campaign speaks the same prompts to thousands of callers, so each is rendered once.
/// </summary>
public sealed partial class EspeakTextToSpeech : ITextToSpeech
{
    private readonly EspeakOptions options;

    public EspeakTextToSpeech(EspeakOptions? options = null)
    {
        this.options = options ?? new EspeakOptions();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The text is empty or too long, or the voice name is not a plain name.</exception>
    /// <exception cref="SpeechToolException">espeak-ng or sox is missing or failed.</exception>
    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, string? voice = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Trim();
        if (words.Length == 0)
        {
            throw new ArgumentException("Nothing to speak: the text is empty.", nameof(text));
        }

        if (words.Length > options.MaxTextLength)
        {
            throw new ArgumentException($"Prompt is {words.Length} characters; the limit is {options.MaxTextLength}.", nameof(text));
        }

        voice ??= options.DefaultVoice;
        if (!VoiceName().IsMatch(voice))
        {
            throw new ArgumentException($"'{voice}' is not a voice name.", nameof(voice));
        }

        var path = CachePathFor(words, voice);
        if (File.Exists(path))
        {
            return new SynthesizedSpeech(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path, FromCache: true);
        }

        var wav = await ToolProcess.RunAsync(
            options.EspeakPath,
            ["-v", voice, "-s", options.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "--stdin", "--stdout"],
            Encoding.UTF8.GetBytes(words),
            options.ToolTimeout,
            cancellationToken).ConfigureAwait(false);
        var ulaw = await ToolProcess.RunAsync(
            options.SoxPath,
            // -D: no dither, so a prompt renders to the same bytes on every machine and cache entries are reproducible.
            ["-D", "-t", "wav", "-", "-r", "8000", "-c", "1", "-t", "ul", "-"],
            wav,
            options.ToolTimeout,
            cancellationToken).ConfigureAwait(false);
        if (ulaw.Length == 0)
        {
            throw new SpeechToolException($"espeak-ng produced no audio for voice '{voice}'.");
        }

        await WriteAtomicallyAsync(path, ulaw, cancellationToken).ConfigureAwait(false);
        return new SynthesizedSpeech(ulaw, path, FromCache: false);
    }

    /// <summary>The cache file a text and voice map to.</summary>
    public string CachePathFor(string text, string? voice = null)
    {
        var key = $"espeak-ng|{voice ?? options.DefaultVoice}|{options.WordsPerMinute}|{text.Trim()}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(options.CacheDirectory, hash + ".ul");
    }

    // Two calls rendering the same prompt at once must never leave a half-written file for a third to play.
    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_+\-]{0,63}$")]
    private static partial Regex VoiceName();
}
