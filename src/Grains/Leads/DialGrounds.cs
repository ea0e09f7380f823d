using ContactCenter.Grains.Pacing;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// What a call tells its lead when it asks to dial it: the campaign rules the claim applied and the
/// caller ID chosen, stored with the attempt (the dial audit) in the statement that marks the lead Dialing.
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.DialGrounds")]
public sealed record DialGrounds(
    [property: Id(0)] CallingWindow Window,
    [property: Id(1)] RetryPolicy Retry,
    [property: Id(2)] string? CallerId,
    [property: Id(3)] string CallerIdReason);
