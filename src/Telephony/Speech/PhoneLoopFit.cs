using System.Runtime.InteropServices;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// How well the grammar explains an utterance. A grammar forces every sound onto one of its phrases, so "hello"
/// against a grammar holding "no" comes out as "no"; two measurements tell such forced matches from real ones:
/// <list type="bullet">
/// <item>the mean acoustic log-likelihood per frame of the grammar's best path minus that of a phone loop over the
/// same audio (the loop is free to follow whatever was said, so it beats the grammar by little when a phrase of the
/// grammar was said and by more when something else was; the likelihood-ratio test of Young, "Detecting
/// misrecognitions and out-of-vocabulary words", ICASSP 1994);</item>
/// <item>the share of the speech (the frames the phone loop hears as phones other than silence and noise) that
/// the grammar path spends in its words rather than in fillers: speech the grammar does not hold is largely
/// swallowed by them ("what's the weather like" came out as "no" followed by a long silence).</item>
/// </list>
/// Runs on the decoder it is given, which holds the grammar search under another name.
/// </summary>
internal sealed class PhoneLoopFit
{
    /// <summary>Name of the phone-loop search inside the decoder; grammar names never start with an underscore.</summary>
    public const string SearchName = "_phone_loop";

    // Acoustic scores are kept shifted right by 10 bits (SENSCR_SHIFT in pocketsphinx 5prealpha's hmm.h).
    private const int ScoreShift = 1 << 10;

    // Weight of the word share against the likelihood ratio. Chosen on the tuning set (benchmarks/SpeechRejection):
    // weights 3 to 6 separated it equally well and better than either measurement alone; 4 is in the middle.
    private const double CoverageWeight = 4;

    private readonly PocketSphinxDecoderHandle handle;
    private readonly double lnPerUnit;
    private short[] audio = new short[PhoneAudio.SampleRate * 2 * 4];
    private int samples;
    private long grammarScore;
    private int grammarFrames;
    private int wordFrames;

    private PhoneLoopFit(PocketSphinxDecoderHandle handle)
    {
        this.handle = handle;
        // Scores are integers in the decoder's log base; a large argument keeps the conversion factor exact enough.
        lnPerUnit = ScoreShift * PocketSphinxNative.logmath_log_to_ln(PocketSphinxNative.ps_get_logmath(handle), 1_000_000) / 1_000_000;
    }

    /// <summary>Adds the phone-loop search to the decoder.</summary>
    /// <param name="phoneModelPath">A phonetic language model (Debian ships <c>en-us-phone.lm.bin</c>), or null for a plain loop.</param>
    /// <exception cref="SpeechToolException">pocketsphinx refused the search.</exception>
    public static PhoneLoopFit Create(PocketSphinxDecoderHandle handle, string? phoneModelPath)
    {
        if (PocketSphinxNative.ps_set_allphone_file(handle, SearchName, phoneModelPath) < 0)
        {
            throw new SpeechToolException($"pocketsphinx could not set up the phone loop (phone model '{phoneModelPath}').");
        }

        return new PhoneLoopFit(handle);
    }

    /// <summary>Forgets the previous utterance.</summary>
    public void Restart()
    {
        samples = 0;
        grammarScore = 0;
        grammarFrames = 0;
        wordFrames = 0;
    }

    /// <summary>Keeps 16 kHz audio exactly as the grammar search was given it, for the phone loop to hear later.</summary>
    public void Keep(ReadOnlySpan<short> pcm16k, int maxSamples)
    {
        var take = Math.Min(pcm16k.Length, maxSamples - samples);
        if (take <= 0)
        {
            return;
        }

        if (samples + take > audio.Length)
        {
            Array.Resize(ref audio, Math.Min(Math.Max(audio.Length * 2, samples + take), maxSamples));
        }

        pcm16k[..take].CopyTo(audio.AsSpan(samples));
        samples += take;
    }

    /// <summary>Adds the acoustic score of the grammar search's best path of the segment just ended.</summary>
    public void AddGrammarSegment()
    {
        var (score, frames, words) = BestPath();
        grammarScore += score;
        grammarFrames += frames;
        wordFrames += words;
    }

    /// <summary>
    /// Decodes the kept audio with the phone loop and returns the fit: the log-likelihood ratio (natural log per
    /// frame; about -3 to 0.5 on espeak-ng speech here) plus 4 times the share of speech in grammar words (0 to 1).
    /// Null when the grammar heard nothing to compare. Selects <paramref name="grammarSearch"/> again afterwards.
    /// </summary>
    /// <param name="restoreMean">Puts the model's cepstral mean back, as before every grammar utterance.</param>
    public unsafe double? Measure(string grammarSearch, Action restoreMean)
    {
        if (grammarFrames == 0 || samples == 0)
        {
            return null;
        }

        if (PocketSphinxNative.ps_set_search(handle, SearchName) < 0)
        {
            throw new SpeechToolException("pocketsphinx could not select the phone loop.");
        }

        try
        {
            restoreMean();
            if (PocketSphinxNative.ps_start_utt(handle) < 0)
            {
                throw new SpeechToolException("pocketsphinx could not start a phone-loop utterance.");
            }

            fixed (short* data = audio)
            {
                PocketSphinxNative.ps_process_raw(handle, data, (nuint)samples, 0, 0);
            }

            PocketSphinxNative.ps_end_utt(handle);
            var (loopScore, loopFrames, loopSpeech) = BestPath();
            if (loopFrames == 0)
            {
                return null;
            }

            var ratio = ((grammarScore / (double)grammarFrames) - (loopScore / (double)loopFrames)) * lnPerUnit;
            // Against the frames the phone loop hears as speech, so the silence around an answer does not count.
            var coverage = Math.Min(1, wordFrames / (double)Math.Max(loopSpeech, 1));
            return ratio + (CoverageWeight * coverage);
        }
        finally
        {
            if (PocketSphinxNative.ps_set_search(handle, grammarSearch) < 0)
            {
                throw new SpeechToolException("pocketsphinx could not select the grammar again after the phone loop.");
            }
        }
    }

    private unsafe (long Score, int Frames, int WordFrames) BestPath()
    {
        long score = 0;
        var frames = 0;
        var words = 0;
        for (var segment = PocketSphinxNative.ps_seg_iter(handle); segment != 0; segment = PocketSphinxNative.ps_seg_next(segment))
        {
            int start, end, acoustic, language, backoff;
            PocketSphinxNative.ps_seg_frames(segment, &start, &end);
            PocketSphinxNative.ps_seg_prob(segment, &acoustic, &language, &backoff);
            score += acoustic;
            var length = Math.Max(end - start + 1, 0);
            frames += length;
            words += IsFiller(PocketSphinxNative.ps_seg_word(segment)) ? 0 : length;
        }

        return (score, frames, words);
    }

    // The grammar's fillers are <s>, </s>, <sil>, [NOISE] and [SPEECH]; the loop's are the phones SIL, +NSN+ and +SPN+.
    private static bool IsFiller(nint word)
    {
        var text = word == 0 ? null : Marshal.PtrToStringUTF8(word);
        return text is null or "SIL" || text.StartsWith('<') || text.StartsWith('[') || text.StartsWith('+');
    }
}
