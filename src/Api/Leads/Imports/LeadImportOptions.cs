using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>Limits of lead imports (section "ContactCenter:Imports").</summary>
public sealed class LeadImportOptions
{
    public const string Section = "ContactCenter:Imports";

    /// <summary>The longest single CSV record (a row with its quoted newlines), in characters; longer rows are rejected unread.</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxRecordChars { get; set; } = 1024 * 1024;

    /// <summary>Rows normalized per batch; batches run on all cores while the previous one is copied to PostgreSQL.</summary>
    // 2,000 rows keep each batch list under the 85 KB large-object threshold.
    [Range(1, 1_000_000)] public int BatchRows { get; set; } = 2000;

    /// <summary>Rejected rows kept for the error report of one import (the counters count them all).</summary>
    [Range(0, 10_000_000)] public int MaxStoredErrors { get; set; } = 100_000;

    /// <summary>How often a running import writes its progress (and checks for a cancel request).</summary>
    [Range(10, 60_000)] public int ProgressIntervalMs { get; set; } = 500;

    /// <summary>Where uploads are spooled before the background import reads them; empty means the system temp folder.</summary>
    public string SpoolDirectory { get; set; } = "";

    public string ResolvedSpoolDirectory => string.IsNullOrWhiteSpace(SpoolDirectory) ? Path.Combine(Path.GetTempPath(), "contact-center-imports") : SpoolDirectory;
}
