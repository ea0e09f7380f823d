namespace ContactCenter.Api.Audit;

/// <summary>Filters of GET /api/audit.</summary>
public sealed record AuditQuery(string? Actor, string? Method, string? PathPrefix, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit);
