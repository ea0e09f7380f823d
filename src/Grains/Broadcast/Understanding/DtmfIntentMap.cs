using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Exact keypad mapping: a key means the intent that declares it, and nothing else.</summary>
public static class DtmfIntentMap
{
    /// <summary>The candidate whose DTMF key equals <paramref name="digits"/> (one key), or null.</summary>
    public static IntentMatch Match(string digits, IReadOnlyList<IntentDefinition> candidates)
    {
        var key = digits.Trim();
        var intent = candidates.FirstOrDefault(i => i.Dtmf is not null && string.Equals(i.Dtmf, key, StringComparison.Ordinal));
        return intent is null ? IntentMatch.None(0, $"key {key}") : new IntentMatch(intent.Name, 1, $"key {key}");
    }
}
