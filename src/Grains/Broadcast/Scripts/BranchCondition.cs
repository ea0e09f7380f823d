namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>
/// One rule of a branch node. Every member that is set must hold: <see cref="Intent"/> matches the last
/// recognised intent, <see cref="Slot"/> is filled, and (when given) its value equals <see cref="EqualTo"/>.
/// </summary>
public sealed record BranchCondition
{
    /// <summary>Slot to test.</summary>
    public string? Slot { get; init; }

    /// <summary>Value the slot must have (case-insensitive); when null, the slot only has to be filled.</summary>
    public string? EqualTo { get; init; }

    /// <summary>The last recognised intent must be this one.</summary>
    public string? Intent { get; init; }

    /// <summary>Node to go to when the rule holds.</summary>
    public string Goto { get; init; } = "";
}
