namespace ContactCenter.Api.Common;

/// <summary>An entity a list left out because its grain could not be read.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="Detail">What went wrong, in one sentence without the exception's message.</param>
public sealed record UnreadableEntry(string Id, string Detail);
