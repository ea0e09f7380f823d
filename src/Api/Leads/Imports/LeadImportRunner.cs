using System.Collections.Concurrent;
using ContactCenter.Grains.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Runs one import: reads the spooled file with Sep, normalizes batches of rows on all cores,
/// streams the good rows with binary COPY into the list (or, when they must be matched against its
/// existing leads, into a staging table merged afterwards), all in one transaction. Progress and rejected rows go to <c>lead_imports</c> on another
/// connection twice a second, so any API node can report them while this one works.
/// </summary>
public sealed partial class LeadImportRunner(NpgsqlDataSource db, LeadImportStore store, IOptions<LeadImportOptions> options, TimeProvider time,
    ILogger<LeadImportRunner> logger)
{
    public async Task RunAsync(LeadImportJob job, CancellationToken stopping)
    {
        var settings = options.Value;
        var counters = new LeadImportCounters();
        var errors = new ErrorSink(settings.MaxStoredErrors);
        var phase = "Reading";
        long bytesRead = 0;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancelRequested = false;
        using var progressStop = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.ProgressIntervalMs));
            try
            {
                while (await timer.WaitForNextTickAsync(progressStop.Token))
                {
                    try
                    {
                        await store.AddErrorsAsync(job.ImportId, errors.Drain(), progressStop.Token);
                        if (await store.ReportProgressAsync(job.ImportId, phase, counters, Volatile.Read(ref bytesRead), progressStop.Token))
                        {
                            cancelRequested = true;
                            await cancel.CancelAsync();
                        }
                    }
                    catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                    {
                        LogProgressFailed(logger, ex, job.ImportId);
                    }
                }
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        var started = TimeProvider.System.GetTimestamp();
        try
        {
            using var csv = LeadCsvReader.Open(job.FilePath, settings.MaxRecordChars, cancel.Token);
            var parser = new LeadRowParser(LeadColumnMap.Create(csv.Headers, job.Mapping), job.DefaultRegion, time.GetUtcNow());
            await using var connection = await db.OpenConnectionAsync(cancel.Token);
            await using var transaction = await connection.BeginTransactionAsync(cancel.Token);
            var route = await LeadImportMerge.BeginAsync(connection, job.ListId, job.Policy, cancel.Token);
            var copied = await LeadCopyPipeline.RunAsync(connection, route, csv, parser, job.Policy, settings.BatchRows, counters, errors.Add, b => Volatile.Write(ref bytesRead, b), cancel.Token);
            Volatile.Write(ref bytesRead, csv.Length);
            var copiedAt = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            phase = "Merging";
            await LeadImportMerge.CompleteAsync(connection, route, job.Policy, copied, counters, cancel.Token);
            await store.AddErrorsAsync(job.ImportId, errors.Drain(), cancel.Token);
            await LeadImportStore.CompleteAsync(connection, job.ImportId, counters, csv.Length, cancel.Token);
            await transaction.CommitAsync(cancel.Token);
            LogCompleted(logger, job.ImportId, job.ListId, counters.RowsRead, counters.Imported, counters.Rejected, counters.Duplicates,
                TimeProvider.System.GetElapsedTime(started).TotalSeconds, copiedAt, route.Direct ? "straight into leads" : "via staging");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            var reason = cancelRequested ? "Cancelled on request; nothing was imported." : "The API node shut down during the import; nothing was imported. Upload the file again.";
            await FinishAsync(job.ImportId, cancelRequested ? "Cancelled" : "Failed", reason, counters, errors);
        }
        catch (ValidationFailedException ex)
        {
            await FinishAsync(job.ImportId, "Failed", string.Join(" ", ex.Errors.SelectMany(e => e.Value)), counters, errors);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            LogFailed(logger, ex, job.ImportId);
            await FinishAsync(job.ImportId, "Failed", "The import failed and nothing was imported: " + ex.Message, counters, errors);
        }
        finally
        {
            await progressStop.CancelAsync();
            await progress;
            TryDelete(job.FilePath);
        }
    }

    private async Task FinishAsync(long id, string status, string error, LeadImportCounters counters, ErrorSink errors)
    {
        try
        {
            await store.AddErrorsAsync(id, errors.Drain());
            await store.FinishUnsuccessfullyAsync(id, status, error, counters);
        }
        catch (NpgsqlException ex)
        {
            LogFailed(logger, ex, id);
        }
    }

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException ex) { LogSpoolNotDeleted(logger, ex, path); }
        catch (UnauthorizedAccessException ex) { LogSpoolNotDeleted(logger, ex, path); }
    }

    /// <summary>Rejected rows waiting to be written, up to the per-import cap.</summary>
    private sealed class ErrorSink(int capacity)
    {
        private readonly ConcurrentQueue<RejectedRow> pending = new();
        private int accepted;

        public void Add(List<RejectedRow> rows)
        {
            foreach (var row in rows)
            {
                if (Interlocked.Increment(ref accepted) > capacity) return;
                pending.Enqueue(row);
            }
        }

        public List<RejectedRow> Drain()
        {
            var rows = new List<RejectedRow>();
            while (pending.TryDequeue(out var row)) rows.Add(row);
            return rows;
        }
    }
}
