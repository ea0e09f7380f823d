namespace ContactCenter.Cluster.Tests.Support;

/// <summary>One call detail record as stored in <c>call_records</c>.</summary>
public sealed record CallRecordRow(string CallId, long? LeadId, string? AgentId, string Status, string? Outcome, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
