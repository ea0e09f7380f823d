using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Dispositions;

/// <summary>
/// A result an agent (or the AI agent) gives a conversation, with what it does to the lead.
/// </summary>
/// <param name="Name">Shown to agents and reported on ("Sale").</param>
/// <param name="Final">The lead is done: never dialed again.</param>
/// <param name="Retry">The lead goes back to the hopper for another attempt.</param>
/// <param name="SchedulesCallback">The agent must give a callback time.</param>
/// <param name="AddsToDnc">The number goes on the do-not-call list.</param>
/// <param name="WrapUpTimeout">
/// The one the system records when the agent gives none (the wrap-up timer ran out, the agent left
/// wrap-up); at most one of a set. A set without it records "No Disposition" (retry).
/// </param>
[GenerateSerializer, Immutable, Alias("cc.Disposition")]
public sealed record Disposition(
    [property: Id(0), TextLimit(TextLimits.Name)] string Name,
    [property: Id(1)] bool Final = false,
    [property: Id(2)] bool Retry = false,
    [property: Id(3)] bool SchedulesCallback = false,
    [property: Id(4)] bool AddsToDnc = false,
    [property: Id(5)] bool WrapUpTimeout = false);
