using System.Threading.Channels;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>Accepted uploads of this node, in arrival order, for <see cref="LeadImportWorker"/>.</summary>
public sealed class LeadImportQueue
{
    private readonly Channel<LeadImportJob> jobs = Channel.CreateUnbounded<LeadImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(LeadImportJob job)
    {
        if (!jobs.Writer.TryWrite(job)) throw new InvalidOperationException("The import queue is closed.");
    }

    public IAsyncEnumerable<LeadImportJob> ReadAllAsync(CancellationToken ct) => jobs.Reader.ReadAllAsync(ct);
}
