namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// A row as the CSV parser gave it. <see cref="Problem"/> is set when the row was already
/// refused while reading (too long, wrong field count, undecodable bytes).
/// </summary>
public readonly record struct RawRow(long Line, string[] Fields, string? Problem);
