namespace ContactCenter.Api.Common;

/// <summary>What a fan-out read: the entities in the order asked for, and those it left out.</summary>
public sealed record FanOutResult<T>(List<T> Items, List<UnreadableEntry> Unreadable);
