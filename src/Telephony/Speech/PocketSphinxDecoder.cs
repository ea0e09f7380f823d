using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// One libpocketsphinx decoder fed 8 kHz telephone audio as it arrives. Audio is zero-stuffed to 16 kHz like
/// <see cref="PocketSphinxRecognizer"/> does, and speech segments are joined the way <c>pocketsphinx_continuous</c>
/// prints them, so both recognisers hear the same. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    // A decoder moves between scripts over its life; a few compiled grammars are kept so the common ones stay warm.
    private const int MaxGrammars = 8;
    private const int ToolReadSamples = 2048;
    // Audio kept for the phone loop; answers are short and longer lines are cut before they get here.
    private const int MaxKeptSamples = 16_000 * 60;
    private static readonly ConditionalWeakTable<JsgfGrammar, string> SearchNames = new();
    private static readonly Lazy<bool> LoggingSilenced = new(() =>
    {
        // sphinxbase logs every model load and utterance to stderr; the process recogniser sent it to /dev/null.
        PocketSphinxNative.err_set_logfp(0);
        return true;
    });

    private readonly PocketSphinxDecoderHandle handle;
    private readonly Dictionary<string, long> grammars = new(StringComparer.Ordinal);
    private readonly List<string> segments = [];
    private readonly short[] frame16k = new short[PhoneAudio.FrameSamples * 2];
    private readonly SphinxDither dither = new();
    // The cepstral mean the model starts from (-cmninit), put back before every utterance; see Start.
    private readonly nint cepstralMean;
    private readonly float[]? initialMean;
    private readonly PhoneLoopFit? fit;
    private long grammarUses;
    private string? search;
    private bool inUtterance;
    private bool segmentStarted;
    private int sinceSpeechCheck;

    private PocketSphinxDecoder(PocketSphinxDecoderHandle handle, PhoneLoopFit? fit)
    {
        this.handle = handle;
        this.fit = fit;
        (cepstralMean, initialMean) = CepstralMean.Capture(handle);
    }

    /// <summary>
    /// How well the grammar explained the last utterance (<see cref="PhoneLoopFit.Measure"/>): high for a phrase of
    /// the grammar, low for anything else; null when not measured or nothing was heard.
    /// </summary>
    public double? LastFit { get; private set; }

    /// <summary>Loads the acoustic model and dictionary (about 250 ms of CPU here, mostly the 134,000-word dictionary).</summary>
    /// <param name="acousticModelPath">The acoustic model directory.</param>
    /// <param name="dictionaryPath">The pronunciation dictionary.</param>
    /// <param name="measureFit">Also set up the phone loop that <see cref="LastFit"/> is measured against.</param>
    /// <param name="phoneModelPath">The phonetic language model of the phone loop, or null for a plain loop.</param>
    /// <exception cref="SpeechToolException">The model or dictionary could not be loaded.</exception>
    public static PocketSphinxDecoder Create(string acousticModelPath, string dictionaryPath, bool measureFit = false, string? phoneModelPath = null)
    {
        // Dither is done here (see SphinxDither), not by sphinxbase's process-wide generator.
        _ = LoggingSilenced.Value;
        // The phone loop runs on context-independent phones: with triphones it took seconds per utterance here.
        string[] arguments = measureFit
            ? ["-hmm", acousticModelPath, "-dict", dictionaryPath, "-dither", "no", "-allphone_ci", "yes"]
            : ["-hmm", acousticModelPath, "-dict", dictionaryPath, "-dither", "no"];
        using var config = Parse(arguments);
        var decoder = PocketSphinxNative.ps_init(config);
        if (decoder.IsInvalid)
        {
            decoder.Dispose();
            throw new SpeechToolException($"pocketsphinx could not load the model '{acousticModelPath}' with the dictionary '{dictionaryPath}'.");
        }

        try
        {
            return new PocketSphinxDecoder(decoder, measureFit ? PhoneLoopFit.Create(decoder, phoneModelPath) : null);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Selects the grammar for the next utterance, compiling it the first time this decoder sees it.</summary>
    /// <exception cref="SpeechToolException">pocketsphinx refused the grammar.</exception>
    public void UseGrammar(JsgfGrammar grammar)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        if (inUtterance)
        {
            throw new InvalidOperationException("The grammar cannot change during an utterance.");
        }

        var name = SearchNames.GetValue(grammar, g => $"{g.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(g.Text)))[..16]}");
        if (!grammars.ContainsKey(name))
        {
            if (grammars.Count >= MaxGrammars)
            {
                var oldest = grammars.Where(g => g.Key != search).MinBy(g => g.Value).Key;
                PocketSphinxNative.ps_unset_search(handle, oldest);
                grammars.Remove(oldest);
            }

            if (PocketSphinxNative.ps_set_jsgf_string(handle, name, grammar.Text) < 0)
            {
                throw new SpeechToolException($"pocketsphinx refused the grammar '{grammar.Name}'.");
            }
        }

        grammars[name] = ++grammarUses;
        if (name != search)
        {
            if (PocketSphinxNative.ps_set_search(handle, name) < 0)
            {
                throw new SpeechToolException($"pocketsphinx could not select the grammar '{grammar.Name}'.");
            }

            search = name;
        }
    }

    /// <summary>Starts an utterance; <see cref="UseGrammar"/> must have been called once.</summary>
    public void Start()
    {
        if (search is null)
        {
            throw new InvalidOperationException("Select a grammar before starting an utterance.");
        }

        if (inUtterance)
        {
            End(measureFit: false);
        }

        // Live CMN carries the mean of earlier utterances into the next; with it the same audio was heard
        // differently after different histories (measured: "stop calling me" became "talk to a person" after
        // four other answers). Each utterance starts from the model's mean, as a new pocketsphinx process does.
        CepstralMean.Restore(cepstralMean, initialMean);
        if (PocketSphinxNative.ps_start_utt(handle) < 0)
        {
            throw new SpeechToolException("pocketsphinx could not start an utterance.");
        }

        segments.Clear();
        segmentStarted = false;
        sinceSpeechCheck = 0;
        dither.Restart();
        fit?.Restart();
        LastFit = null;
        inUtterance = true;
    }

    /// <summary>Feeds 8 kHz audio of the current utterance, 20 ms at a time.</summary>
    public void Write(ReadOnlySpan<short> pcm8k)
    {
        if (!inUtterance)
        {
            throw new InvalidOperationException("Start an utterance before writing audio.");
        }

        while (pcm8k.Length > 0)
        {
            var count = Math.Min(PhoneAudio.FrameSamples, pcm8k.Length);
            WriteFrame(pcm8k[..count]);
            pcm8k = pcm8k[count..];
        }
    }

    /// <summary>Ends the utterance and returns what was heard (lower case, empty when nothing matched).</summary>
    /// <param name="measureFit">Measure <see cref="LastFit"/> (when set up); false when the utterance is only abandoned.</param>
    public string End(bool measureFit = true)
    {
        if (!inUtterance)
        {
            return "";
        }

        inUtterance = false;
        PocketSphinxNative.ps_end_utt(handle);
        if (segmentStarted)
        {
            AddHypothesis();
        }

        var text = string.Join(' ', segments).ToLowerInvariant();
        if (measureFit && fit is not null && text.Length > 0)
        {
            LastFit = fit.Measure(search!, () => CepstralMean.Restore(cepstralMean, initialMean));
        }

        return text;
    }

    public void Dispose() => handle.Dispose();

    private unsafe void WriteFrame(ReadOnlySpan<short> pcm8k)
    {
        var output = frame16k.AsSpan(0, pcm8k.Length * 2);
        for (var i = 0; i < pcm8k.Length; i++)
        {
            output[2 * i] = pcm8k[i];
            output[(2 * i) + 1] = 0;
        }

        dither.Apply(output);
        fit?.Keep(output, MaxKeptSamples);

        fixed (short* samples = output)
        {
            PocketSphinxNative.ps_process_raw(handle, samples, (nuint)output.Length, 0, 0);
        }

        // pocketsphinx_continuous ends a segment when the decoder's own voice detector hears silence after speech
        // and prints each segment's words; a pause inside an answer gives two segments that together are the answer.
        // It asks after every 2048 samples it reads; asking as often keeps the segments, and so the words, the same
        // (measured: asking every 20 ms split "talk to a person" on a fresh decoder and lost it).
        sinceSpeechCheck += output.Length;
        if (sinceSpeechCheck < ToolReadSamples)
        {
            return;
        }

        sinceSpeechCheck = 0;
        var inSpeech = PocketSphinxNative.ps_get_in_speech(handle) != 0;
        if (inSpeech)
        {
            segmentStarted = true;
        }
        else if (segmentStarted)
        {
            PocketSphinxNative.ps_end_utt(handle);
            AddHypothesis();
            PocketSphinxNative.ps_start_utt(handle);
            segmentStarted = false;
        }
    }

    private unsafe void AddHypothesis()
    {
        int score;
        var text = Marshal.PtrToStringUTF8(PocketSphinxNative.ps_get_hyp(handle, &score));
        fit?.AddGrammarSegment();
        if (!string.IsNullOrWhiteSpace(text))
        {
            segments.Add(text.Trim());
        }
    }

    private static unsafe PocketSphinxConfigHandle Parse(string[] arguments)
    {
        // argv[0] is the program name, skipped by the parser.
        var argv = new nint[arguments.Length + 1];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8("contact-center");
            for (var i = 0; i < arguments.Length; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            fixed (nint* pointers = argv)
            {
                var config = PocketSphinxNative.cmd_ln_parse_r(0, PocketSphinxNative.ps_args(), argv.Length, pointers, 1);
                if (config.IsInvalid)
                {
                    config.Dispose();
                    throw new SpeechToolException("pocketsphinx refused its configuration.");
                }

                return config;
            }
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
