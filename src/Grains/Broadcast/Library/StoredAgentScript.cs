namespace ContactCenter.Grains.Broadcast.Library;

/// <summary>One saved version of an AI agent script.</summary>
/// <param name="Id">The script id, shared by all its versions.</param>
/// <param name="Version">1 for the first save, then one more per update.</param>
/// <param name="Name">The script's <c>name</c>.</param>
/// <param name="Definition">The script as JSON (camelCase, enums as strings), what the engine runs.</param>
/// <param name="Source">The uploaded text, in its own format.</param>
/// <param name="Format"><c>json</c> or <c>yaml</c>.</param>
/// <param name="CreatedAt">When this version was saved.</param>
public sealed record StoredAgentScript(string Id, int Version, string Name, string Definition, string Source, string Format, DateTimeOffset CreatedAt);
