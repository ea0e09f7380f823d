using Microsoft.Win32.SafeHandles;

namespace ContactCenter.Telephony.Speech;

/// <summary>Owns one <c>cmd_ln_t</c>. <c>ps_init</c> keeps its own reference, so this can be released after it.</summary>
internal sealed class PocketSphinxConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PocketSphinxConfigHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        PocketSphinxNative.cmd_ln_free_r(handle);
        return true;
    }
}
