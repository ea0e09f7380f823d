namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Sits between the decoded file and the CSV parser and keeps any single record (a row, with
/// the newlines inside its quoted fields) to at most <see cref="MaxRecordChars"/> characters.
/// A CSV parser must hold a whole row to hand it out, so one runaway line (a 1 GB line, or a
/// quote that never closes) would otherwise be read whole into memory.
/// </summary>
/// <remarks>
/// The reader tracks record boundaries the way the parser does (RFC 4180 §2: a double quote
/// toggles quoting, an escaped quote <c>""</c> toggles twice; CR, LF and CRLF end a record outside
/// quotes). When a record passes the cap it closes the open quote, ends the record there, and
/// drops the rest of it up to its terminator. The parser then sees a truncated row, which the
/// importer recognises by its row index in <see cref="TryTakeTruncated"/> and rejects; later rows
/// keep their real line numbers through <see cref="SkippedLinesBefore"/>.
/// </remarks>
public sealed class RecordCapReader(TextReader inner, int maxRecordChars) : TextReader
{
    private readonly char[] input = new char[64 * 1024];
    private readonly Queue<(long RowIndex, long SkippedLines)> truncations = new();
    private int inputStart;
    private int inputEnd;
    private bool inQuotes;
    private bool lastWasCr;
    private bool skipping;
    private long recordChars;
    private long rowIndex;
    private long skippedLinesInRecord;
    private long totalSkippedLines;
    private readonly List<(long RowIndex, long CumulativeSkipped)> shifts = [];
    private string pendingOutput = "";

    public int MaxRecordChars { get; } = maxRecordChars;

    /// <summary>Lines dropped so far; rows with a higher row index sit that many lines further down the file.</summary>
    public long TotalSkippedLines => totalSkippedLines;

    /// <summary>True (once) when the parser's row <paramref name="parserRowIndex"/> is a record that was cut at the cap.</summary>
    public bool TryTakeTruncated(long parserRowIndex)
    {
        while (truncations.Count > 0 && truncations.Peek().RowIndex < parserRowIndex) truncations.Dequeue();
        if (truncations.Count > 0 && truncations.Peek().RowIndex == parserRowIndex)
        {
            truncations.Dequeue();
            return true;
        }
        return false;
    }

    /// <summary>Lines dropped from records before row <paramref name="parserRowIndex"/>; add to the parser's line number.</summary>
    public long SkippedLinesBefore(long parserRowIndex)
    {
        // Rows arrive in order, so old shifts can go; keep the latest one that applies.
        long skipped = 0;
        var drop = 0;
        for (var i = 0; i < shifts.Count && shifts[i].RowIndex < parserRowIndex; i++)
        {
            skipped = shifts[i].CumulativeSkipped;
            drop = i;
        }
        if (drop > 0) shifts.RemoveRange(0, drop);
        return skipped;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        while (true)
        {
            var written = ReadBuffered(buffer);
            if (written > 0 || buffer.Length == 0) return written;
            inputStart = 0;
            inputEnd = inner.Read(input, 0, input.Length);
            if (inputEnd == 0) return ReadBuffered(buffer);
        }
    }

    // Request bodies may only be read asynchronously, so the async path fills the input on its own.
    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var written = ReadBuffered(buffer.Span);
            if (written > 0 || buffer.Length == 0) return written;
            inputStart = 0;
            inputEnd = await inner.ReadAsync(input.AsMemory(), cancellationToken);
            if (inputEnd == 0) return ReadBuffered(buffer.Span);
        }
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    /// <summary>Hands out what the input buffer holds (never reads the inner reader); 0 when it needs more input.</summary>
    private int ReadBuffered(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (pendingOutput.Length > 0)
            {
                var n = Math.Min(pendingOutput.Length, buffer.Length - written);
                pendingOutput.AsSpan(0, n).CopyTo(buffer[written..]);
                pendingOutput = pendingOutput[n..];
                written += n;
                continue;
            }
            if (inputStart == inputEnd) break;
            written += skipping ? Skip() : Copy(buffer[written..]);
        }
        return written;
    }

    /// <summary>Copies input to the parser up to the next quote or line end, watching the record's length.</summary>
    private int Copy(Span<char> output)
    {
        var available = input.AsSpan(inputStart, Math.Min(inputEnd - inputStart, output.Length));
        var room = MaxRecordChars - recordChars;
        if (room <= 0)
        {
            // The record is over the cap: end it here and drop the rest of it.
            pendingOutput = inQuotes ? "\"\n" : "\n";
            truncations.Enqueue((rowIndex, 0));
            skipping = true;
            skippedLinesInRecord = 0;
            return 0;
        }
        if (available.Length > room) available = available[..(int)room];
        var special = available.IndexOfAny('"', '\n', '\r');
        if (special < 0)
        {
            available.CopyTo(output);
            Advance(available.Length);
            lastWasCr = false;
            return available.Length;
        }
        available[..(special + 1)].CopyTo(output);
        var c = available[special];
        Advance(special + 1);
        if (c == '"') { inQuotes = !inQuotes; lastWasCr = false; }
        else if (!inQuotes) { EndOfLineOutsideQuotes(c); }
        else { lastWasCr = c == '\r'; }
        return special + 1;
    }

    private void EndOfLineOutsideQuotes(char c)
    {
        // CRLF is one terminator: the LF after a CR ends nothing new.
        if (!(c == '\n' && lastWasCr && recordChars == 1)) rowIndex++;
        lastWasCr = c == '\r';
        recordChars = 0;
    }

    private void Advance(int n)
    {
        inputStart += n;
        recordChars += n;
    }

    /// <summary>Drops input until the over-long record ends, counting the lines it spanned.</summary>
    private int Skip()
    {
        while (inputStart < inputEnd)
        {
            var c = input[inputStart++];
            if (c == '"') { inQuotes = !inQuotes; lastWasCr = false; continue; }
            if (c is not ('\n' or '\r')) { lastWasCr = false; continue; }
            var crlf = c == '\n' && lastWasCr;
            lastWasCr = c == '\r';
            if (inQuotes)
            {
                if (!crlf) skippedLinesInRecord++;
                continue;
            }
            // The record ends here; its terminator was already emitted for the parser.
            skipping = false;
            rowIndex++;
            recordChars = 0;
            if (c == '\r' && inputStart < inputEnd && input[inputStart] == '\n') { inputStart++; lastWasCr = false; }
            totalSkippedLines += skippedLinesInRecord;
            shifts.Add((rowIndex - 1, totalSkippedLines));
            return 0;
        }
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
