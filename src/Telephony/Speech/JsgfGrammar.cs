using System.Text;
using System.Text.RegularExpressions;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// A JSGF grammar (W3C JSpeech Grammar Format note, 2000) whose single public rule accepts exactly the given phrases.
/// Recognition on G.711 phone audio is only usable when guided by such a grammar; the open language model mishears.
/// </summary>
public sealed partial class JsgfGrammar
{
    private JsgfGrammar(string name, string text, IReadOnlyList<string> phrases, IReadOnlyList<string> rejected)
    {
        Name = name;
        Text = text;
        Phrases = phrases;
        Rejected = rejected;
    }

    /// <summary>The grammar name.</summary>
    public string Name { get; }

    /// <summary>The grammar source, ready for <c>pocketsphinx_continuous -jsgf</c>.</summary>
    public string Text { get; }

    /// <summary>The normalised phrases the grammar accepts.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Phrases left out, with the reason (a word missing from the dictionary, or no words at all).</summary>
    public IReadOnlyList<string> Rejected { get; }

    /// <summary>Builds a grammar from phrases; words are lower-cased and punctuation is dropped.</summary>
    /// <exception cref="ArgumentException">No phrase survives normalisation and the dictionary check.</exception>
    public static JsgfGrammar Build(string name, IEnumerable<string> phrases, PronunciationDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(dictionary);
        var safeName = NonIdentifier().Replace(name, "_");
        if (safeName.Length == 0 || char.IsDigit(safeName[0]))
        {
            safeName = "g_" + safeName;
        }

        var accepted = new List<string>();
        var rejected = new List<string>();
        foreach (var phrase in phrases)
        {
            var words = Word().Matches((phrase ?? "").ToLowerInvariant()).Select(m => m.Value).ToList();
            var unknown = words.Where(w => !dictionary.Contains(w)).ToList();
            if (words.Count == 0)
            {
                rejected.Add($"'{phrase}': no words");
            }
            else if (unknown.Count > 0)
            {
                rejected.Add($"'{phrase}': not in the dictionary: {string.Join(", ", unknown)}");
            }
            else
            {
                var normalised = string.Join(' ', words);
                if (!accepted.Contains(normalised))
                {
                    accepted.Add(normalised);
                }
            }
        }

        if (accepted.Count == 0)
        {
            throw new ArgumentException($"No usable phrase for grammar '{name}': {string.Join("; ", rejected)}", nameof(phrases));
        }

        var text = new StringBuilder()
            .AppendLine("#JSGF V1.0;")
            .Append("grammar ").Append(safeName).AppendLine(";")
            .Append("public <utterance> = ").Append(string.Join(" | ", accepted)).AppendLine(";")
            .ToString();
        return new JsgfGrammar(safeName, text, accepted, rejected);
    }

    [GeneratedRegex(@"[a-z]+(?:'[a-z]+)?")]
    private static partial Regex Word();

    [GeneratedRegex(@"[^A-Za-z0-9_]")]
    private static partial Regex NonIdentifier();
}
