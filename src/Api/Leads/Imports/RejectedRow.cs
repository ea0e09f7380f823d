namespace ContactCenter.Api.Leads.Imports;

/// <summary>A row the import left out: its first line in the file, why, and its fields as read.</summary>
public sealed record RejectedRow(long Line, string Reason, string[] Fields);
