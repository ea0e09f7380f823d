namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>What one hostile request got: its status, and the broken rule when the answer is wrong.</summary>
/// <param name="RefusedByKestrel">The server refused the request line itself (a NUL in the path): 400 without a body, before any application code.</param>
public sealed record FuzzVerdict(FuzzRequest Request, int Status, string? Failure, bool RefusedByKestrel = false);
