using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads;

/// <summary>The page shape of every list in the API; a lead's attempts fit one page, so <see cref="Next"/> is null.</summary>
public sealed record DialAttemptPage(List<DialAttempt> Items, string? Next);
