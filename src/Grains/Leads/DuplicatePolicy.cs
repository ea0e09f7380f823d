namespace ContactCenter.Grains.Leads;

/// <summary>
/// What adding a lead does when its number (E.164) is already in the list: one rule for a CSV import
/// (<c>duplicates=</c>) and for <c>POST /api/leads</c> (<c>?duplicates=</c>), skip unless told otherwise.
/// </summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the lead already there (or the file's first row); the new one is a duplicate.</summary>
    Skip,
    /// <summary>Overwrite the existing lead's profile with the new non-empty fields (<see cref="LeadProfileMerge"/>; the last row wins).</summary>
    Update,
    /// <summary>Add it as another lead.</summary>
    Allow,
}
