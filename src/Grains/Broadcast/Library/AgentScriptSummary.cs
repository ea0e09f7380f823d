namespace ContactCenter.Grains.Broadcast.Library;

/// <summary>A script in a listing: its latest version and when it was first and last saved.</summary>
public sealed record AgentScriptSummary(string Id, string Name, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
