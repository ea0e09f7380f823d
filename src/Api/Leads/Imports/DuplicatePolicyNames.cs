using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>The wire names of <see cref="DuplicatePolicy"/> (skip, update, allow), for imports and single leads alike.</summary>
public static class DuplicatePolicyNames
{
    public static string Name(this DuplicatePolicy policy) => policy.ToString().ToLowerInvariant();

    public static DuplicatePolicy Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DuplicatePolicy.Skip
        : ContactCenter.Api.Problems.Problem.TryParseName(value.Trim(), out DuplicatePolicy p) ? p
        : throw new ValidationFailedException("duplicates", "Use skip (default), update or allow.");
}
