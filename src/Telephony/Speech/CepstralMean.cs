using System.Runtime.InteropServices;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Reaches the live cepstral-mean state of a pocketsphinx 5prealpha decoder. The API has no call that resets it,
/// so the <c>cmn_t</c> is found through <c>ps_get_feat</c> at the offset of <c>feat_t.cmn_struct</c> in that
/// release's <c>feat.h</c> (x86-64), after checking the fields before it hold what this model must have there; if
/// they do not (another build), nothing is touched and decoders keep adapting across utterances.
/// </summary>
internal static class CepstralMean
{
    private const int CepstrumSize = 13;
    private const int FeatCepSizeOffset = 16;
    private const int FeatCmnStructOffset = 88;
    private const int CmnVecLenOffset = 28;

    /// <returns>The <c>cmn_t</c> and its current mean, or zero and null when the layout is not the expected one.</returns>
    public static unsafe (nint Cmn, float[]? Mean) Capture(PocketSphinxDecoderHandle decoder)
    {
        if (!Environment.Is64BitProcess || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return (0, null);
        }

        var feat = PocketSphinxNative.ps_get_feat(decoder);
        if (feat == 0 || Marshal.ReadInt32(feat, FeatCepSizeOffset) != CepstrumSize)
        {
            return (0, null);
        }

        var cmn = Marshal.ReadIntPtr(feat, FeatCmnStructOffset);
        if (cmn == 0 || Marshal.ReadInt32(cmn, CmnVecLenOffset) != CepstrumSize)
        {
            return (0, null);
        }

        var mean = new float[CepstrumSize];
        fixed (float* values = mean)
        {
            PocketSphinxNative.cmn_live_get(cmn, values);
        }

        return (cmn, mean);
    }

    public static unsafe void Restore(nint cmn, float[]? mean)
    {
        if (cmn == 0 || mean is null)
        {
            return;
        }

        fixed (float* values = mean)
        {
            PocketSphinxNative.cmn_live_set(cmn, values);
        }
    }
}
