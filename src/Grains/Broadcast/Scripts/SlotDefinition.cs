namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>A value the agent collects from the caller.</summary>
public sealed record SlotDefinition
{
    /// <summary>Name used by collect nodes, branch conditions and <c>{name}</c> in prompts.</summary>
    public string Name { get; init; } = "";

    /// <summary>How the value is parsed.</summary>
    public SlotType Type { get; init; }

    /// <summary>Number slots: the smallest accepted value.</summary>
    public decimal? Min { get; init; }

    /// <summary>Number slots: the largest accepted value.</summary>
    public decimal? Max { get; init; }
}
