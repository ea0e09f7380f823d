using ContactCenter.Grains.Dispositions;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>What a Broadcast campaign tells a call about its AI agent.</summary>
/// <param name="ScriptId">The agent script.</param>
/// <param name="ScriptVersion">The exact version, resolved by the campaign when it dialed (a pinned one, or the latest then).</param>
/// <param name="Dispositions">The campaign's dispositions, which the script's codes are looked up in.</param>
[GenerateSerializer, Immutable, Alias("cc.BroadcastCall")]
public sealed record BroadcastCall(
    [property: Id(0)] string ScriptId,
    [property: Id(1)] int ScriptVersion,
    [property: Id(2)] List<Disposition> Dispositions);
