using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// A carrier's <see cref="CallEvent"/> as it travels between silos. The telephony layer stays free
/// of Orleans, so its event is copied into this serializable twin at the seam.
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.CallProgress")]
public sealed record CallProgress(
    [property: Id(0)] CallEventKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] CallOutcome Outcome = CallOutcome.None,
    [property: Id(3)] string? Detail = null)
{
    public static CallProgress From(CallEvent e) => new(e.Kind, e.At, e.Outcome, e.Detail);
}
