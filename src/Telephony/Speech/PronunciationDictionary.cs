using System.Collections.Concurrent;

namespace ContactCenter.Telephony.Speech;

/// <summary>
/// The words a pocketsphinx dictionary can pronounce. A JSGF grammar that names a word missing from the dictionary
/// makes pocketsphinx refuse the whole grammar, so grammars are filtered through this first.
/// </summary>
public sealed class PronunciationDictionary
{
    /// <summary>The dictionary of the Debian package <c>pocketsphinx-en-us</c>.</summary>
    public const string DebianEnUsPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    private static readonly ConcurrentDictionary<string, Lazy<PronunciationDictionary>> Loaded = new(StringComparer.Ordinal);
    private readonly HashSet<string> words;

    /// <summary>A dictionary of the given words (lower case).</summary>
    public PronunciationDictionary(IEnumerable<string> words)
    {
        this.words = new HashSet<string>(words.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
    }

    /// <summary>Number of distinct words.</summary>
    public int Count => words.Count;

    /// <summary>Loads a CMU-format dictionary (<c>word PH O N E S</c>, alternates as <c>word(2)</c>) once per path.</summary>
    /// <exception cref="FileNotFoundException">The file is missing; install <c>pocketsphinx-en-us</c>.</exception>
    public static PronunciationDictionary Load(string path = DebianEnUsPath)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Pronunciation dictionary '{path}' not found; install the Debian package pocketsphinx-en-us.", path);
        }

        return Loaded.GetOrAdd(path, p => new Lazy<PronunciationDictionary>(() => new PronunciationDictionary(ReadWords(p)))).Value;
    }

    /// <summary>True when the word can be pronounced.</summary>
    public bool Contains(string word) => words.Contains(word.ToLowerInvariant());

    private static IEnumerable<string> ReadWords(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var end = line.IndexOfAny([' ', '\t', '(']);
            if (end > 0)
            {
                yield return line[..end];
            }
        }
    }
}
