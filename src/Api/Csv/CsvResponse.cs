using System.Text;

namespace ContactCenter.Api.Csv;

/// <summary>
/// Streams CSV to an HTTP response: rows are formatted into a small buffer that goes out
/// (asynchronously, as Kestrel requires) every 32 KB, so any number of rows costs the same memory.
/// </summary>
public sealed class CsvResponse(HttpResponse response)
{
    /// <summary>The media type of every CSV download (declared in the OpenAPI document).</summary>
    public const string ContentType = "text/csv";

    private const int FlushChars = 32 * 1024;
    private readonly StringWriter buffer = new(System.Globalization.CultureInfo.InvariantCulture);

    public static CsvResponse Start(HttpResponse response, string fileName)
    {
        response.ContentType = ContentType + "; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return new CsvResponse(response);
    }

    public async Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken ct)
    {
        CsvText.WriteRow(buffer, fields);
        if (buffer.GetStringBuilder().Length >= FlushChars) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var text = buffer.GetStringBuilder();
        if (text.Length == 0) return;
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        await response.Body.WriteAsync(bytes, ct);
    }
}
