using ContactCenter.Telephony.Tests.Speech;

namespace ContactCenter.SpeechRejection;

/// <summary>Chooses the rejection threshold on the tuning set.</summary>
internal static class ThresholdSearch
{
    /// <summary>Share of the answers heard right without rejection that rejection may cost.</summary>
    public const double MaxRightAnswersLost = 0.05;

    /// <summary>
    /// The highest threshold (the most out-of-grammar speech rejected) that still keeps at least 95 % of the grammar
    /// phrases the recogniser heard right without rejection. A wrongly accepted "hello" ends a call with the wrong
    /// outcome, a wrongly rejected "yes" costs one re-prompt; but a threshold that re-prompts every fifth real answer
    /// (the balanced-accuracy optimum here) would wear callers out, so the loss of right answers is bounded instead.
    /// </summary>
    public static double Best(IReadOnlyList<(RejectionSample Sample, string Text, double? Fit)> decoded)
    {
        var unguarded = RejectionTally.At(decoded, double.NegativeInfinity).InGrammarAccuracy;
        var best = -3.0;
        for (var t = -3.0; t <= 5.0001; t += 0.01)
        {
            if (RejectionTally.At(decoded, t).InGrammarAccuracy >= unguarded * (1 - MaxRightAnswersLost))
            {
                best = Math.Round(t, 2);
            }
        }

        return best;
    }
}
