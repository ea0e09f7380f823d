namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// How the rows of one import reach <c>leads</c>, decided once the list row is locked.
/// </summary>
/// <param name="ListId">The list being imported into.</param>
/// <param name="Direct">
/// True when the import can only add rows (the list was empty under the skip policy, whose repeats
/// within the file are dropped while reading, or the allow policy): the binary COPY then goes
/// straight into <c>leads</c> inside the import's transaction. False when rows must be matched
/// against the list's existing leads: COPY into the staging table, then one set-based merge.
/// </param>
/// <param name="IdFloor">
/// Every lead this import adds gets a larger id: the list row is locked, so no other transaction
/// can add to this list until we commit, and this value was drawn from the id sequence after the lock.
/// </param>
public sealed record LeadImportRoute(long ListId, bool Direct, long IdFloor);
