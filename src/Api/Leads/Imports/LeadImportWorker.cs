using Npgsql;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Runs this node's accepted imports one after another (one import already keeps both cores
/// busy). On start it fails the imports of nodes that died mid-way, whose transactions rolled back.
/// </summary>
public sealed partial class LeadImportWorker(LeadImportQueue queue, LeadImportRunner runner, LeadImportStore store, ILogger<LeadImportWorker> logger) : BackgroundService
{
    /// <summary>A running import writes progress twice a second; this much silence means its node is gone.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var failed = await store.FailAbandonedAsync(AbandonedAfter, stoppingToken);
            if (failed > 0) LogAbandoned(logger, failed);
        }
        catch (NpgsqlException ex)
        {
            LogAbandonedCheckFailed(logger, ex);
        }
        try
        {
            await foreach (var job in queue.ReadAllAsync(stoppingToken))
                await runner.RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
