using System.Text.RegularExpressions;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Rule-based sentiment after the VADER approach (Hutto and Gilbert, ICWSM 2014), with a small lexicon of our own
/// tuned to what people say on outbound calls:
/// <list type="bullet">
/// <item>each known word carries a valence in [-3, 3];</item>
/// <item>a negator up to three words before a sentiment word flips and weakens it (× -0.74, VADER's constant),
/// so "not bad" is mildly positive rather than as positive as "good";</item>
/// <item>an intensifier right before a word adds ±0.3 to its magnitude ("very", "really"), a dampener subtracts it;</item>
/// <item>"but" shifts weight to the clause after it (× 0.5 before, × 1.5 after), because the later clause usually carries the verdict;</item>
/// <item>the sum is normalised to [-1, 1] with x / √(x² + 15), VADER's normalisation.</item>
/// </list>
/// Recognised phone speech carries no punctuation or case, so neither is used.
/// </summary>
public sealed partial class LexiconSentimentAnalyzer : ISentimentAnalyzer
{
    private const double NegationFactor = -0.74;
    private const double BoostStep = 0.3;
    private const double NormalisationAlpha = 15;
    private const int NegationWindow = 3;

    private static readonly Dictionary<string, double> Lexicon = new(StringComparer.Ordinal)
    {
        ["good"] = 1.9, ["great"] = 3.1, ["excellent"] = 3.2, ["perfect"] = 2.8, ["wonderful"] = 3.0, ["awesome"] = 3.1,
        ["nice"] = 1.8, ["fine"] = 0.8, ["happy"] = 2.7, ["glad"] = 2.0, ["love"] = 3.2, ["like"] = 1.5, ["thanks"] = 1.9,
        ["thank"] = 1.5, ["appreciate"] = 2.1, ["helpful"] = 1.9, ["interested"] = 1.6, ["pleased"] = 2.2, ["lovely"] = 2.6,
        ["fantastic"] = 3.0, ["cool"] = 1.3, ["sure"] = 0.6, ["okay"] = 0.4, ["ok"] = 0.4, ["please"] = 0.5, ["welcome"] = 1.5,
        ["easy"] = 1.2, ["useful"] = 1.8, ["best"] = 3.0, ["better"] = 1.9, ["enjoy"] = 2.2, ["yes"] = 0.3, ["absolutely"] = 1.0,
        ["bad"] = -2.5, ["terrible"] = -3.1, ["awful"] = -3.1, ["horrible"] = -3.2, ["worst"] = -3.1, ["hate"] = -2.7,
        ["annoying"] = -2.4, ["annoyed"] = -2.3, ["angry"] = -2.7, ["mad"] = -2.2, ["upset"] = -2.3, ["unhappy"] = -2.3,
        ["disappointed"] = -2.3, ["rude"] = -2.2, ["stupid"] = -2.4, ["useless"] = -2.3, ["ridiculous"] = -2.0,
        ["scam"] = -2.9, ["spam"] = -2.2, ["harass"] = -2.8, ["harassing"] = -2.8, ["harassment"] = -2.9, ["waste"] = -1.8,
        ["bother"] = -1.6, ["bothering"] = -1.9, ["stop"] = -1.2, ["sick"] = -1.9, ["tired"] = -1.4, ["problem"] = -1.5,
        ["complaint"] = -1.8, ["wrong"] = -2.1, ["never"] = -0.8, ["busy"] = -0.4, ["sorry"] = -0.3, ["no"] = -0.3,
        ["leave"] = -0.4, ["unacceptable"] = -2.6, ["frustrated"] = -2.2, ["frustrating"] = -2.3, ["hell"] = -2.0,
        ["damn"] = -1.9, ["sue"] = -2.2, ["lawyer"] = -1.3, ["expensive"] = -1.2, ["confused"] = -1.2, ["worried"] = -1.6,
    };

    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "wasnt", "wasn't",
        "arent", "aren't", "cant", "can't", "cannot", "wont", "won't", "wouldnt", "wouldn't", "nothing", "hardly", "neither", "nor",
    };

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "so", "extremely", "totally", "absolutely", "completely", "incredibly", "super", "truly", "too",
    };

    private static readonly HashSet<string> Dampeners = new(StringComparer.Ordinal)
    {
        "slightly", "somewhat", "kinda", "barely", "little", "partly", "fairly",
    };

    /// <inheritdoc />
    public SentimentScore Analyze(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SentimentScore.Neutral;
        }

        var words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        var butIndex = Array.IndexOf(words, "but");
        var sum = 0.0;
        for (var i = 0; i < words.Length; i++)
        {
            if (!Lexicon.TryGetValue(words[i], out var valence) || IsNegatorInContext(words, i))
            {
                continue;
            }

            valence = Boost(words, i, valence);
            if (IsNegated(words, i))
            {
                valence *= NegationFactor;
            }

            if (butIndex >= 0)
            {
                valence *= i < butIndex ? 0.5 : 1.5;
            }

            sum += valence;
        }

        return SentimentScore.From(sum / Math.Sqrt((sum * sum) + NormalisationAlpha));
    }

    // "no" and "never" are both sentiment words and negators; when they negate a following sentiment word
    // ("no problem", "never bad") they count only as negators.
    private static bool IsNegatorInContext(string[] words, int i)
    {
        if (!Negators.Contains(words[i]))
        {
            return false;
        }

        for (var j = i + 1; j <= Math.Min(words.Length - 1, i + NegationWindow); j++)
        {
            if (Lexicon.ContainsKey(words[j]) && !Negators.Contains(words[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNegated(string[] words, int i)
    {
        for (var j = Math.Max(0, i - NegationWindow); j < i; j++)
        {
            if (Negators.Contains(words[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static double Boost(string[] words, int i, double valence)
    {
        if (i == 0)
        {
            return valence;
        }

        var step = Intensifiers.Contains(words[i - 1]) ? BoostStep : Dampeners.Contains(words[i - 1]) ? -BoostStep : 0;
        return valence + (Math.Sign(valence) * step);
    }

    [GeneratedRegex(@"[a-z]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();
}
