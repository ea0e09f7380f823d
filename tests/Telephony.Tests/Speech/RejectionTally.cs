using System.Globalization;

namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>
/// Counts of a rejection run at one threshold, and precision and recall of both decisions: rejecting (the positive
/// class is out-of-grammar speech) and accepting (the positive class is a phrase of the grammar).
/// </summary>
internal sealed record RejectionTally(int InGrammar, int InGrammarAccepted, int InGrammarRight, int OutOfGrammar, int OutOfGrammarRejected)
{
    private int Rejected => InGrammar - InGrammarAccepted + OutOfGrammarRejected;

    private int Accepted => InGrammarAccepted + (OutOfGrammar - OutOfGrammarRejected);

    /// <summary>Of the utterances rejected, the share that were out of grammar.</summary>
    public double RejectionPrecision => Rejected == 0 ? 1 : OutOfGrammarRejected / (double)Rejected;

    /// <summary>Of the out-of-grammar utterances, the share rejected.</summary>
    public double RejectionRecall => OutOfGrammar == 0 ? 1 : OutOfGrammarRejected / (double)OutOfGrammar;

    /// <summary>Of the utterances accepted, the share that were phrases of the grammar.</summary>
    public double AcceptancePrecision => Accepted == 0 ? 1 : InGrammarAccepted / (double)Accepted;

    /// <summary>Of the grammar's phrases, the share accepted.</summary>
    public double AcceptanceRecall => InGrammar == 0 ? 1 : InGrammarAccepted / (double)InGrammar;

    /// <summary>Of the grammar's phrases, the share accepted with exactly the words said.</summary>
    public double InGrammarAccuracy => InGrammar == 0 ? 1 : InGrammarRight / (double)InGrammar;

    /// <summary>
    /// Tallies decoded samples at a threshold: an utterance is rejected when the grammar heard nothing or fitted it
    /// worse than <paramref name="threshold"/>.
    /// </summary>
    public static RejectionTally At(IEnumerable<(RejectionSample Sample, string Text, double? Fit)> decoded, double threshold)
    {
        int inGrammar = 0, accepted = 0, right = 0, outOfGrammar = 0, rejected = 0;
        foreach (var (sample, text, fit) in decoded)
        {
            var accept = text.Length > 0 && (fit is null || fit >= threshold);
            if (sample.InGrammar)
            {
                inGrammar++;
                accepted += accept ? 1 : 0;
                right += accept && text == sample.Expected ? 1 : 0;
            }
            else
            {
                outOfGrammar++;
                rejected += accept ? 0 : 1;
            }
        }

        return new RejectionTally(inGrammar, accepted, right, outOfGrammar, rejected);
    }

    /// <summary>A markdown table row: set, threshold, counts, then the five shares in per cent.</summary>
    public string Row(string set, double threshold) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {set} | {threshold:0.00} | {OutOfGrammarRejected}/{OutOfGrammar} | {InGrammarAccepted}/{InGrammar} | {RejectionPrecision:P1} | {RejectionRecall:P1} | {AcceptancePrecision:P1} | {AcceptanceRecall:P1} | {InGrammarAccuracy:P1} |");

    /// <summary>The header of <see cref="Row"/>.</summary>
    public static string Header =>
        "| Set | Threshold | Out of grammar rejected | In grammar accepted | Rejection precision | Rejection recall | Acceptance precision | Acceptance recall | In grammar, right words |\n" +
        "|---|---|---|---|---|---|---|---|---|";
}
