using System.Globalization;
using ContactCenter.Telephony.Tests.Speech;

namespace ContactCenter.SpeechRejection;

/// <summary>Diagnostics on standard error: how the fit is spread per class, and which held-out utterances were misjudged.</summary>
internal static class Report
{
    public static void Distribution(IReadOnlyList<(RejectionSample Sample, string Text, double? Fit)> decoded, string set)
    {
        foreach (var inGrammar in new[] { true, false })
        {
            var fits = decoded.Where(d => d.Sample.InGrammar == inGrammar && d.Fit is not null).Select(d => d.Fit!.Value).Order().ToList();
            var empty = decoded.Count(d => d.Sample.InGrammar == inGrammar && d.Fit is null);
            var line = fits.Count == 0
                ? "none measured"
                : string.Create(CultureInfo.InvariantCulture, $"min {fits[0]:0.00}, p10 {At(fits, 0.1):0.00}, median {At(fits, 0.5):0.00}, p90 {At(fits, 0.9):0.00}, max {fits[^1]:0.00}");
            Console.Error.WriteLine($"{set} {(inGrammar ? "in grammar" : "out of grammar")}: {fits.Count} measured ({line}), {empty} with no words");
        }
    }

    public static void Misses(IReadOnlyList<(RejectionSample Sample, string Text, double? Fit)> decoded, double threshold)
    {
        foreach (var (sample, text, fit) in decoded)
        {
            var accepted = text.Length > 0 && (fit is null || fit >= threshold);
            if (accepted != sample.InGrammar || (accepted && text != sample.Expected))
            {
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {(sample.InGrammar ? "in " : "out")} [{sample.Voice}] '{sample.Phrase}' heard '{text}' fit {fit:0.00} -> {(accepted ? "accepted" : "rejected")}"));
            }
        }
    }

    private static double At(List<double> sorted, double quantile) => sorted[(int)Math.Min(sorted.Count - 1, quantile * sorted.Count)];
}
