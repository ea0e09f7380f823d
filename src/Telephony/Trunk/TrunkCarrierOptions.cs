using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Trunk;

/// <summary>How <see cref="TrunkCarrier"/> dials through the trunk.</summary>
/// <param name="Trunk">The carrier's URI; its user part becomes the dialled number (sip:+1555…@trunk).</param>
public sealed record TrunkCarrierOptions(SipUri Trunk)
{
    /// <summary>Caller ID used when a request carries none (E.164).</summary>
    public string? DefaultCallerId { get; init; }

    /// <summary>Display name in From on every call.</summary>
    public string? CallerDisplayName { get; init; }

    /// <summary>Screen answered calls for answering machines unless a request says otherwise.</summary>
    public bool DetectAnsweringMachine { get; init; }

    /// <summary>Detector settings; its <see cref="AmdOptions.TotalAnalysisTime"/> bounds how long a person waits in silence.</summary>
    public AmdOptions Amd { get; init; } = new();
}
