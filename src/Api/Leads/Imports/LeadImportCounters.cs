namespace ContactCenter.Api.Leads.Imports;

/// <summary>Running totals of one import; written by the import's pipeline, read by its progress reports.</summary>
public sealed class LeadImportCounters
{
    private long rowsRead;
    private long rejected;
    private long duplicates;

    public long RowsRead => Interlocked.Read(ref rowsRead);
    public long Rejected => Interlocked.Read(ref rejected);
    public long Duplicates => Interlocked.Read(ref duplicates);
    public long Imported { get; set; }
    public long Updated { get; set; }
    public long DoNotCall { get; set; }

    public void AddRead(long n) => Interlocked.Add(ref rowsRead, n);
    public void AddRejected(long n) => Interlocked.Add(ref rejected, n);
    public void AddDuplicates(long n) => Interlocked.Add(ref duplicates, n);
}
