namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Something the caller may mean, taught by example.</summary>
public sealed record IntentDefinition
{
    /// <summary>Name used in branches, e.g. <c>yes</c>, <c>callback</c>, <c>stop</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Example utterances; the embedding classifier picks the intent of the nearest example.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Keypad key that means this intent (0-9, * or #), or null.</summary>
    public string? Dtmf { get; init; }
}
