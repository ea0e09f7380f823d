namespace ContactCenter.Telephony.Media.Amd;

/// <summary>The end of an answering machine's greeting.</summary>
/// <param name="Kind">Beep, silence, or the maximum wait.</param>
/// <param name="Elapsed">Audio analysed until the decision.</param>
/// <param name="BeepFrequencyHz">The beep's pitch, when it was a beep.</param>
/// <param name="BeepDuration">How long the beep lasted, when it was a beep.</param>
public sealed record GreetingEndResult(GreetingEndKind Kind, TimeSpan Elapsed, double? BeepFrequencyHz = null, TimeSpan? BeepDuration = null);
