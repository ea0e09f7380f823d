using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>The fixed lines of a script, so a campaign can render them before its first call.</summary>
public static class ScriptPrompts
{
    /// <summary>
    /// Every line the agent may say that does not depend on the caller: greeting, node prompts, retry prompts,
    /// closings and the voicemail message. Prompts with <c>{slot}</c> placeholders are rendered per call and left out.
    /// </summary>
    public static IReadOnlyList<string> StaticTexts(AgentScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var texts = new List<string?> { script.Greeting, script.Voicemail.Message };
        texts.AddRange(RetryTexts(script, script.Retries));
        foreach (var node in script.Nodes)
        {
            texts.Add(script.ResolvePrompt(node.Prompt));
            texts.AddRange(RetryTexts(script, node.Retries));
            if (node.Kind == NodeKind.End && node.Closing is { } closing)
            {
                texts.Add(script.Closings.TryGetValue(closing, out var line) ? line : closing);
            }
        }

        return texts
            .Where(t => !string.IsNullOrWhiteSpace(t) && !t.Contains('{', StringComparison.Ordinal))
            .Select(t => t!.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Renders every static line into the TTS cache; returns how many were rendered now rather than found cached.</summary>
    public static async Task<int> WarmCacheAsync(AgentScript script, ITextToSpeech tts, string? voice = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tts);
        var rendered = 0;
        foreach (var text in StaticTexts(script))
        {
            var speech = await tts.SynthesizeAsync(text, voice, cancellationToken).ConfigureAwait(false);
            rendered += speech.FromCache ? 0 : 1;
        }

        return rendered;
    }

    private static IEnumerable<string?> RetryTexts(AgentScript script, RetryPolicy? retries) =>
        retries is null ? [] : [script.ResolvePrompt(retries.NoInputPrompt), script.ResolvePrompt(retries.NoMatchPrompt)];
}
