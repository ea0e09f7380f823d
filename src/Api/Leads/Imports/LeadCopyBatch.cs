using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// A batch of leads already encoded as tuples of PostgreSQL's binary COPY format, with where each
/// tuple starts and its number, so the single COPY writer only de-duplicates and sends bytes.
/// </summary>
/// <remarks>
/// Encoding on the parse threads is the point: through <c>NpgsqlBinaryImporter</c> every value
/// is a generic call that binds a parameter, and with 16 columns that made the one writer thread
/// the bottleneck of a million-row import (10 s of its 14). The format is the documented one
/// (PostgreSQL manual, COPY, "Binary Format"): per tuple a 16-bit field count, then per field a
/// 32-bit length (-1 for NULL) and the value in the type's binary send format, big-endian.
/// The buffer is pooled; <see cref="Dispose"/> returns it.
/// </remarks>
public sealed class LeadCopyBatch : IDisposable
{
    /// <summary>"PGCOPY\n\377\r\n\0", then 32-bit flags and header-extension length, both 0.</summary>
    public static ReadOnlySpan<byte> FileHeader => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A field count of -1 ends the data.</summary>
    public static ReadOnlySpan<byte> FileTrailer => [0xFF, 0xFF];

    private const int FieldsPerRow = 17;
    private const uint TextOid = 25;
    private const byte JsonbVersion = 1;

    private byte[] buffer;
    private int length;
    private readonly List<int> rowStarts;
    private readonly List<long> phones;

    public LeadCopyBatch(int expectedRows)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, expectedRows * 192));
        rowStarts = new List<int>(expectedRows);
        phones = new List<long>(expectedRows);
    }

    public int Count => rowStarts.Count;

    /// <summary>The E.164 number of row <paramref name="index"/> as digits, for de-duplication.</summary>
    public long PhoneOf(int index) => phones[index];

    /// <summary>The encoded bytes of rows [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public ReadOnlySpan<byte> Rows(int from, int to) =>
        buffer.AsSpan(rowStarts[from], (to < rowStarts.Count ? rowStarts[to] : length) - rowStarts[from]);

    /// <summary>
    /// Appends one tuple. The first column is the list id when the COPY goes straight into
    /// <c>leads</c>, else the file line for the staging table; the rest follow
    /// <see cref="LeadImportMerge"/>'s column order.
    /// </summary>
    public void Add(long firstColumn, StagedLead lead)
    {
        rowStarts.Add(length);
        phones.Add(long.Parse(lead.Phone.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
        Ensure(2 + 12);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), FieldsPerRow);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length + 2), 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length + 6), firstColumn);
        length += 14;
        Text(lead.FirstName);
        Text(lead.LastName);
        Text(lead.Address);
        Text(lead.City);
        Text(lead.State);
        Text(lead.PostalCode);
        Text(lead.Country);
        Text(lead.Phone);
        TextArray(lead.AltPhones);
        Text(lead.Gender);
        Text(lead.Email);
        Text(lead.Comments);
        Jsonb(lead.CustomFieldsJson);
        TextArray(lead.Tags);
        Text(lead.TimeZone);
        if (lead.OtherTimeZones is { } others) TextArray(others);
        else Text(null); // NULL: one zone
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Ensure(4);
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), -1);
            length += 4;
            return;
        }
        Ensure(4);
        var at = length;
        length += 4;
        var bytes = Utf8(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), bytes);
    }

    private void Jsonb(string json)
    {
        Ensure(5);
        var at = length;
        buffer[length + 4] = JsonbVersion;
        length += 5;
        var bytes = Utf8(json);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), bytes + 1);
    }

    // array_send: dimensions, has-nulls flag, element type, then per dimension its size and lower
    // bound, then the elements as length-prefixed values. An empty array has no dimensions.
    private void TextArray(string[] values)
    {
        Ensure(4 + 12 + 8);
        var at = length;
        length += 4;
        var span = buffer.AsSpan(length);
        BinaryPrimitives.WriteInt32BigEndian(span, values.Length == 0 ? 0 : 1);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], TextOid);
        length += 12;
        if (values.Length > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[12..], values.Length);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], 1);
            length += 8;
            foreach (var value in values)
            {
                Ensure(4);
                var elementAt = length;
                length += 4;
                BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(elementAt), Utf8(value));
            }
        }
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), length - at - 4);
    }

    /// <summary>Encodes at the end of the buffer, after the field's length word; returns the byte count.</summary>
    private int Utf8(string value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
        length += written;
        return written;
    }

    private void Ensure(int more)
    {
        if (length + more <= buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        length = 0;
        if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
    }
}
