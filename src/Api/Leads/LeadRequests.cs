namespace ContactCenter.Api.Leads;

public sealed record CreateListRequest(string? Name, string? DefaultRegion = "US");

/// <summary>Which finished leads go back to New: those whose last call outcome or disposition is listed.</summary>
public sealed record RecycleRequest(IReadOnlyList<string>? Outcomes, IReadOnlyList<string>? Dispositions, bool ResetAttempts = false);

public sealed record RecycleResult(long ListId, int Recycled);
