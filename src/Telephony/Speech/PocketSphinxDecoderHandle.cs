using Microsoft.Win32.SafeHandles;

namespace ContactCenter.Telephony.Speech;

/// <summary>Owns one <c>ps_decoder_t</c>; released with <c>ps_free</c> exactly once, even if the owner forgets.</summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PocketSphinxDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        PocketSphinxNative.ps_free(handle);
        return true;
    }
}
