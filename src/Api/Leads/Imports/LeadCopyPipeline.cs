using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Npgsql;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Moves the rows of a file into PostgreSQL along the import's route: a reader thread cuts the file into
/// batches, the thread pool normalizes each batch and encodes it in the binary COPY format in
/// parallel, and a writer thread drops the file's repeated numbers and sends the bytes to
/// PostgreSQL in file order. The bounded queue between them keeps a few
/// batches in memory at most, whatever the size of the file.
/// </summary>
/// <remarks>
/// Reader and writer block (on file reads, on queue space, on a batch still being parsed, on the
/// COPY socket), so they get threads of their own: blocking pool threads would starve the very
/// parse tasks they wait for on a 2-core machine.
/// </remarks>
public static class LeadCopyPipeline
{
    /// <summary>Copies the file's good rows along <paramref name="route"/>; returns how many were copied.</summary>
    public static async Task<long> RunAsync(NpgsqlConnection connection, LeadImportRoute route, LeadCsvReader csv, LeadRowParser parser, DuplicatePolicy policy, int batchRows,
        LeadImportCounters counters, Action<List<RejectedRow>> rejected, Action<long> reportBytes, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<Task<ParsedBatch>>(Environment.ProcessorCount + 2);
        var firstColumn = route.Direct ? route.ListId : (long?)null;
        var reader = Task.Factory.StartNew(() => Read(csv, parser, firstColumn, batchRows, queue, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var writer = Task.Factory.StartNew(() =>
        {
            try
            {
                return Write(connection, route, policy, csv.Length, queue, counters, rejected, reportBytes, stop.Token);
            }
            catch
            {
                stop.Cancel(); // stops the reader, which may be waiting for queue space
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await Task.WhenAll(reader, writer);
        }
        catch
        {
            // Report the cause: a writer failure makes the reader stop with a cancellation.
            var cause = writer.IsFaulted ? writer.Exception!.InnerException! : reader.IsFaulted ? reader.Exception!.InnerException! : null;
            if (cause is not null) ExceptionDispatchInfo.Capture(cause).Throw();
            throw;
        }
        return writer.Result;
    }

    private static void Read(LeadCsvReader csv, LeadRowParser parser, long? firstColumn, int batchRows, BlockingCollection<Task<ParsedBatch>> queue, CancellationToken ct)
    {
        try
        {
            var rows = new List<RawRow>(batchRows);
            foreach (var row in csv.ReadRows())
            {
                rows.Add(row);
                if (rows.Count < batchRows) continue;
                queue.Add(ParseAsync(parser, firstColumn, rows, csv.BytesRead), ct);
                rows = new List<RawRow>(batchRows);
            }
            if (rows.Count > 0) queue.Add(ParseAsync(parser, firstColumn, rows, csv.BytesRead), ct);
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private static long Write(NpgsqlConnection connection, LeadImportRoute route, DuplicatePolicy policy, long fileBytes, BlockingCollection<Task<ParsedBatch>> queue,
        LeadImportCounters counters, Action<List<RejectedRow>> rejected, Action<long> reportBytes, CancellationToken ct)
    {
        long copied = 0;
        // Under "skip" the file's own repeats are dropped here; an E.164 number fits in a long,
        // which keeps a million of them in about 30 MB.
        var seen = policy == DuplicatePolicy.Skip ? new HashSet<long>() : null;
        var presized = false;
        long rowsSoFar = 0;
        var copy = LeadImportMerge.BeginCopy(connection, route);
        try
        {
            copy.Write(LeadCopyBatch.FileHeader);
            foreach (var next in queue.GetConsumingEnumerable(ct))
            {
                var batch = next.GetAwaiter().GetResult();
                rowsSoFar += batch.Leads.Count + batch.Rejected.Count;
                if (seen is not null && !presized && rowsSoFar >= PresizeAfterRows && batch.BytesRead > 0)
                {
                    // Sized once from the bytes per row so far (the read position runs a buffer ahead,
                    // so this errs low): growing by doubling would hold the old and the new table at
                    // once, tens of MB at the end of a million-row file.
                    var estimate = fileBytes / (double)batch.BytesRead * rowsSoFar * 1.05;
                    seen.EnsureCapacity((int)Math.Min(estimate, MaxPresizedNumbers));
                    presized = true;
                }
                using (batch.Leads)
                {
                    long duplicates = 0;
                    var runStart = 0;
                    for (var i = 0; seen is not null && i < batch.Leads.Count; i++)
                    {
                        if (seen.Add(batch.Leads.PhoneOf(i))) continue;
                        // Send the rows before the repeat in one piece and leave the repeat out.
                        copy.Write(batch.Leads.Rows(runStart, i));
                        runStart = i + 1;
                        duplicates++;
                    }
                    if (runStart < batch.Leads.Count) copy.Write(batch.Leads.Rows(runStart, batch.Leads.Count));
                    copied += batch.Leads.Count - duplicates;
                    rejected(batch.Rejected);
                    counters.AddRejected(batch.Rejected.Count);
                    counters.AddDuplicates(duplicates);
                    counters.AddRead(batch.Leads.Count + batch.Rejected.Count);
                    reportBytes(batch.BytesRead);
                }
            }
            ct.ThrowIfCancellationRequested();
            copy.Write(LeadCopyBatch.FileTrailer);
        }
        catch
        {
            // Ends the COPY with an error instead of committing what was sent; the transaction
            // is rolled back by the caller anyway.
            try { copy.Cancel(); }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException) { } // the first failure is the one to report
            throw;
        }
        finally
        {
            copy.Dispose();
        }
        return copied;
    }

    /// <summary>The most numbers the duplicate set is sized for up front (a few hundred MB of file).</summary>
    private const int MaxPresizedNumbers = 5_000_000;

    private const int PresizeAfterRows = 10_000;

    private static Task<ParsedBatch> ParseAsync(LeadRowParser parser, long? firstColumn, List<RawRow> rows, long bytesRead) => Task.Run(() =>
    {
        var leads = new LeadCopyBatch(rows.Count);
        var rejected = new List<RejectedRow>();
        foreach (var row in rows)
        {
            if (parser.Parse(row, out var rejection) is { } lead) leads.Add(firstColumn ?? row.Line, lead);
            else rejected.Add(rejection!);
        }
        return new ParsedBatch(leads, rejected, bytesRead);
    });

    private sealed record ParsedBatch(LeadCopyBatch Leads, List<RejectedRow> Rejected, long BytesRead);
}
