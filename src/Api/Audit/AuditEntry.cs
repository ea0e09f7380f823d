namespace ContactCenter.Api.Audit;

/// <summary>One state-changing request: who (a user's name or "key:&lt;id&gt;"), what, when, from where, and the answer's status.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorKind, string Actor, string Method, string Path, string? Route, int Status, string? RemoteAddress);
