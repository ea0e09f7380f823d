using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Grammar-guided recognition with <c>pocketsphinx_continuous</c>, one process per utterance (about 0.1 s here).
/// The 8 kHz audio is zero-stuffed to 16 kHz (see <see cref="PhoneAudio.ZeroStuffTo16k"/>) for the 16 kHz model.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer
{
    private readonly PocketSphinxOptions options;

    public PocketSphinxRecognizer(PocketSphinxOptions? options = null)
    {
        this.options = options ?? new PocketSphinxOptions();
    }

    /// <inheritdoc />
    /// <exception cref="SpeechToolException">pocketsphinx is missing or failed.</exception>
    public async Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm8k, JsgfGrammar grammar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        var duration = TimeSpan.FromSeconds(pcm8k.Length / (double)PhoneAudio.SampleRate);
        if (pcm8k.Length < PhoneAudio.FrameSamples)
        {
            return new RecognitionResult("", duration);
        }

        var maxSamples = (int)(options.MaxUtterance.TotalSeconds * PhoneAudio.SampleRate);
        var audio = pcm8k.Length > maxSamples ? pcm8k[..maxSamples] : pcm8k;
        Directory.CreateDirectory(options.WorkDirectory);
        var grammarPath = await GrammarFileAsync(grammar, cancellationToken).ConfigureAwait(false);
        var audioPath = Path.Combine(options.WorkDirectory, $"{Guid.NewGuid():N}.raw");
        try
        {
            await File.WriteAllBytesAsync(audioPath, PhoneAudio.ToBytes(PhoneAudio.ZeroStuffTo16k(audio.Span)), cancellationToken).ConfigureAwait(false);
            var output = await ToolProcess.RunAsync(
                options.ExecutablePath,
                [
                    "-infile", audioPath, "-jsgf", grammarPath, "-hmm", options.AcousticModelPath, "-dict", options.DictionaryPath,
                    // G.711 carries exact digital silence (0xFF decodes to 0) inside and around speech; the log energy of
                    // all-zero frames wrecks the features (measured: "remove my number" was heard as nothing). Dither
                    // adds a half-bit of noise; the fixed seed keeps recognition repeatable.
                    "-dither", "yes", "-seed", "1",
                    "-logfn", "/dev/null",
                ],
                stdin: null,
                options.Timeout,
                cancellationToken).ConfigureAwait(false);
            return new RecognitionResult(JoinSegments(Encoding.UTF8.GetString(output)), duration);
        }
        finally
        {
            File.Delete(audioPath);
        }
    }

    // pocketsphinx prints one hypothesis line per detected speech segment; with a short answer that is one line,
    // and when it splits a pause the segments together are the answer.
    private static string JoinSegments(string output) =>
        string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();

    // Grammars are reused across thousands of calls; write each one once, named by its content.
    private async Task<string> GrammarFileAsync(JsgfGrammar grammar, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grammar.Text)))[..24];
        var path = Path.Combine(options.WorkDirectory, $"{grammar.Name}-{hash}.gram");
        if (!File.Exists(path))
        {
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllTextAsync(temp, grammar.Text, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }
}
