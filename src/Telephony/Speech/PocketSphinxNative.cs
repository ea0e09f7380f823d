using System.Runtime.InteropServices;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// The part of the pocketsphinx 5prealpha C API (Debian <c>libpocketsphinx3</c> / <c>libsphinxbase3</c>, packaged as
/// 0.8+5prealpha) that streaming recognition needs. Signatures follow <c>pocketsphinx.h</c>, <c>ps_search.h</c> and
/// sphinxbase's <c>cmd_ln.h</c>/<c>err.h</c> of that release; <c>int32</c> is C <c>int</c> there.
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_args();

    [LibraryImport(PocketSphinxLibrary)]
    public static partial PocketSphinxDecoderHandle ps_init(PocketSphinxConfigHandle config);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_free(nint decoder);

    [LibraryImport(PocketSphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_jsgf_string(PocketSphinxDecoderHandle decoder, string name, string jsgf);

    [LibraryImport(PocketSphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(PocketSphinxDecoderHandle decoder, string name);

    [LibraryImport(PocketSphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_unset_search(PocketSphinxDecoderHandle decoder, string name);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_start_utt(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary)]
    public static unsafe partial int ps_process_raw(PocketSphinxDecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_end_utt(PocketSphinxDecoderHandle decoder);

    /// <returns>A string owned by the decoder (valid until the next call on it), or zero.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static unsafe partial nint ps_get_hyp(PocketSphinxDecoderHandle decoder, int* bestScore);

    /// <summary>Adds a phone-loop search (<c>-allphone</c>); a null path means every phone may follow every other.</summary>
    [LibraryImport(PocketSphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_allphone_file(PocketSphinxDecoderHandle decoder, string name, string? path);

    /// <summary>Segments of the best path so far (5prealpha takes no score argument), or zero; free with <see cref="ps_seg_free"/> unless iterated to the end.</summary>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_seg_iter(PocketSphinxDecoderHandle decoder);

    /// <returns>The next segment, or zero at the end, when the iterator has freed itself.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_seg_next(nint segment);

    [LibraryImport(PocketSphinxLibrary)]
    public static unsafe partial void ps_seg_frames(nint segment, int* startFrame, int* endFrame);

    /// <returns>The segment's posterior (log); its acoustic and language scores in the decoder's log base.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static unsafe partial int ps_seg_prob(nint segment, int* acousticScore, int* languageScore, int* languageBackoff);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial void ps_seg_free(nint segment);

    /// <returns>The segment's word (a string owned by the iterator), fillers included.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_seg_word(nint segment);

    /// <returns>The decoder's <c>logmath_t</c>, owned by the decoder.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_get_logmath(PocketSphinxDecoderHandle decoder);

    /// <summary>Converts a score in the decoder's log base to a natural logarithm.</summary>
    [LibraryImport(SphinxBaseLibrary)]
    public static partial double logmath_log_to_ln(nint logmath, int score);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial byte ps_get_in_speech(PocketSphinxDecoderHandle decoder);

    /// <returns>The decoder's <c>feat_t</c>, owned by the decoder.</returns>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial nint ps_get_feat(PocketSphinxDecoderHandle decoder);

    /// <summary>Reads the live cepstral mean (<c>veclen</c> floats; sphinxbase is built without FIXED_POINT).</summary>
    [LibraryImport(SphinxBaseLibrary)]
    public static unsafe partial void cmn_live_get(nint cmn, float* mean);

    /// <summary>Sets the live cepstral mean, as <c>-cmninit</c> does when a decoder is created.</summary>
    [LibraryImport(SphinxBaseLibrary)]
    public static unsafe partial void cmn_live_set(nint cmn, float* mean);

    // cmd_ln_init is variadic; the argv form avoids calling a variadic C function through P/Invoke.
    [LibraryImport(SphinxBaseLibrary)]
    public static unsafe partial PocketSphinxConfigHandle cmd_ln_parse_r(nint previous, nint definitions, int argc, nint* argv, int strict);

    [LibraryImport(SphinxBaseLibrary)]
    public static partial int cmd_ln_free_r(nint config);

    /// <summary>Zero turns sphinxbase's process-wide logging off (it would otherwise write to stderr).</summary>
    [LibraryImport(SphinxBaseLibrary)]
    public static partial void err_set_logfp(nint stream);
}
