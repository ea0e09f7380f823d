using ContactCenter.Api.Input;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// Reads a multipart/form-data upload section by section straight from the request stream
/// (no form buffering): the <c>file</c> part is copied to a spool file as it arrives, small
/// text parts (<c>mapping</c>, <c>duplicates</c>, ...) are kept as strings.
/// </summary>
public sealed class ImportUpload : IAsyncDisposable
{
    private bool keepFile;

    private ImportUpload(string? filePath, string? fileName, long fileBytes, Dictionary<string, string> fields)
    {
        FilePath = filePath;
        FileName = fileName;
        FileBytes = fileBytes;
        Fields = fields;
    }

    public string? FilePath { get; }
    public string? FileName { get; }
    public long FileBytes { get; }
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Reads the request; throws <see cref="ValidationFailedException"/> when it is not a usable upload.</summary>
    public static async Task<ImportUpload> ReadAsync(HttpRequest request, string spoolDirectory, long maxFileBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("file", "Send the file as multipart/form-data with a part named 'file'.");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary)) throw new ValidationFailedException("file", "The multipart/form-data content type has no boundary.");

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? path = null, fileName = null;
        long bytes = 0;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data")) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    if (path is not null) throw new ValidationFailedException("file", "Send one file per import.");
                    Directory.CreateDirectory(spoolDirectory);
                    path = Path.Combine(spoolDirectory, Guid.NewGuid().ToString("N") + ".csv");
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    // The name is stored with the import; it is text like any other.
                    if (fileName is not null && TextRules.Check(fileName, TextLimits.FileName) is { } problem) throw new ValidationFailedException("file", "The file name: " + problem);
                    bytes = await SpoolAsync(section.Body, path, maxFileBytes, ct);
                }
                else
                {
                    fields[name] = await ReadTextAsync(section.Body, name, ct);
                }
            }
        }
        catch (Exception ex) when (ex is IOException and not BadHttpRequestException or InvalidDataException)
        {
            Delete(path);
            throw new ValidationFailedException("file", "The multipart body could not be read: " + ex.Message);
        }
        catch
        {
            Delete(path);
            throw;
        }
        if (path is null) throw new ValidationFailedException("file", "The upload has no part named 'file'.");
        return new ImportUpload(path, fileName, bytes, fields);
    }

    /// <summary>The spool file now belongs to the background import, which deletes it when done.</summary>
    public void HandOver() => keepFile = true;

    public ValueTask DisposeAsync()
    {
        if (!keepFile) Delete(FilePath);
        return ValueTask.CompletedTask;
    }

    private static async Task<long> SpoolAsync(Stream body, string path, long maxFileBytes, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxFileBytes)
                throw new BadHttpRequestException($"The file is larger than the {maxFileBytes:N0} bytes an upload may hold.", StatusCodes.Status413PayloadTooLarge);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }

    private static async Task<string> ReadTextAsync(Stream body, string name, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[TextLimits.Part + 1];
        var length = await reader.ReadBlockAsync(buffer, ct);
        var text = new string(buffer, 0, length);
        // A mapping is JSON, which may span lines.
        if (TextRules.Check(text, TextLimits.Part, multiline: true) is { } problem) throw new ValidationFailedException(name, $"The '{name}' part: {problem}");
        return text;
    }

    private static void Delete(string? path)
    {
        if (path is null) return;
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
