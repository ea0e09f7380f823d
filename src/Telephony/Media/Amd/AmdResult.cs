namespace ContactCenter.Telephony.Media.Amd;

/// <summary>The outcome of answering-machine detection with the measurements behind it.</summary>
/// <param name="Status">Human, Machine or NotSure.</param>
/// <param name="Cause">The rule that decided.</param>
/// <param name="AnalysisTime">Audio analysed until the decision.</param>
/// <param name="Words">Words counted.</param>
/// <param name="VoiceDuration">Total voice in the greeting.</param>
/// <param name="SilenceDuration">The silence run at the moment of decision.</param>
public sealed record AmdResult(AmdStatus Status, AmdCause Cause, TimeSpan AnalysisTime, int Words, TimeSpan VoiceDuration, TimeSpan SilenceDuration);
