using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Builds the recognition grammar of a script from its intents' example utterances: on G.711 audio the recogniser
/// is only reliable when it chooses among expected phrases, and the examples are exactly the phrases the
/// classifier knows how to map.
/// </summary>
public static class ScriptGrammar
{
    /// <summary>A grammar accepting every example of the given intents (all of the script's when null).</summary>
    /// <exception cref="ArgumentException">No example can be pronounced with the dictionary.</exception>
    public static JsgfGrammar Build(AgentScript script, PronunciationDictionary dictionary, IEnumerable<IntentDefinition>? intents = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var phrases = (intents ?? script.Intents).SelectMany(i => i.Examples);
        var name = string.IsNullOrWhiteSpace(script.Name) ? "script" : script.Name;
        return JsgfGrammar.Build(name, phrases, dictionary);
    }
}
