namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Progress and result of one lead import. <c>Status</c> is Running, Completed, Failed or
/// Cancelled; <c>Phase</c> says what a running import is doing (Queued, Reading, Merging, Done).
/// </summary>
public sealed record LeadImportStatus(
    long Id,
    long ListId,
    string? FileName,
    string Status,
    string Phase,
    string DuplicatePolicy,
    long FileBytes,
    long BytesRead,
    double Percent,
    long RowsRead,
    long Imported,
    long Rejected,
    long Duplicates,
    long Updated,
    long DoNotCall,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
