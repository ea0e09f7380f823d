using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Leads;

public sealed record CreateListRequest([property: TextLimit(TextLimits.Name)] string? Name, [property: TextLimit(TextLimits.Code)] string? DefaultRegion = "US");

/// <summary>Which finished leads go back to New: those whose last call outcome or disposition is listed.</summary>
public sealed record RecycleRequest(
    [property: TextLimit(TextLimits.Code)] IReadOnlyList<string>? Outcomes,
    [property: TextLimit(TextLimits.Name)] IReadOnlyList<string>? Dispositions,
    bool ResetAttempts = false);

public sealed record RecycleResult(long ListId, int Recycled);
