using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>What an import does with a number (E.164) already in the list or earlier in the file.</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the lead already there (or the first row); count the row as a duplicate.</summary>
    Skip,
    /// <summary>Overwrite the existing lead's profile with the row's non-empty fields (the last row wins).</summary>
    Update,
    /// <summary>Insert the row as another lead.</summary>
    Allow,
}

public static class DuplicatePolicyNames
{
    public static string Name(this DuplicatePolicy policy) => policy.ToString().ToLowerInvariant();

    public static DuplicatePolicy Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DuplicatePolicy.Skip
        : ContactCenter.Api.Problems.Problem.TryParseName(value.Trim(), out DuplicatePolicy p) ? p
        : throw new ValidationFailedException("duplicates", "Use skip (default), update or allow.");
}
