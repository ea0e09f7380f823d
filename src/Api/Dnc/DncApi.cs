using System.Globalization;
using System.Runtime.CompilerServices;
using ContactCenter.Api.Csv;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Input;
using ContactCenter.Api.Leads.Imports;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using nietras.SeparatedValues;

namespace ContactCenter.Api.Dnc;

/// <summary>Do-not-call numbers, global (no campaignId) or per campaign; numbers are stored in E.164.</summary>
public static class DncApi
{
    private const int MaxReportedErrors = 100;

    public static IEndpointRouteBuilder MapDncApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/dnc").WithTags("Do not call").ProducesUnavailable();
        api.MapGet("", ListAsync).WithName("ListDnc").WithSummary("DNC entries, optionally of one campaign (campaignId; empty = global) or one phone; keyset pages via 'next'")
            .ProducesInvalid();
        api.MapPost("", AddAsync).WithName("AddDnc").WithSummary("Add a number globally or for one campaign")
            .ProducesBodyProblems();
        api.MapDelete("{phone}", RemoveAsync).WithName("RemoveDnc").WithSummary("Remove a number (campaignId query for a campaign's entry)")
            .ProducesInvalid().ProducesNotFound();
        api.MapPost("imports", ImportAsync).WithName("ImportDnc").DisableAntiforgery()
            .WithSummary("Bulk add from a CSV or one-number-per-line file (multipart part 'file'; parts or query 'campaignId', 'reason', 'region')")
            .Accepts<DncImportForm>("multipart/form-data").AcceptsUpload().ProducesInvalid();
        return app;
    }

    public static async Task<Ok<DncPage>> ListAsync(DncStore store, [TextLimit(TextLimits.Id)] string? campaignId, [TextLimit(TextLimits.Phone)] string? phone,
        [TextLimit(TextLimits.Code)] string? region, [TextLimit(TextLimits.Cursor)] string? after, int? limit, CancellationToken ct)
    {
        Problem.Require(limit is null or (>= 1 and <= 1000), "limit", "Between 1 and 1000.");
        var e164 = phone is null ? null : Normalize(phone, region);
        return TypedResults.Ok(await store.ListAsync(campaignId?.Trim(), e164, after, limit ?? 100, ct));
    }

    public static async Task<Results<Created<DncEntry>, Ok<DncEntry>>> AddAsync(AddDncRequest? body, DncStore store, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        var phone = Normalize(body.Phone, body.Region);
        var (entry, added) = await store.AddAsync(phone, body.CampaignId?.Trim() ?? "", string.IsNullOrWhiteSpace(body.Reason) ? "Added through the API" : body.Reason.Trim(), ct);
        var location = $"/api/dnc/{Uri.EscapeDataString(entry.Phone)}" + (entry.CampaignId.Length > 0 ? $"?campaignId={Uri.EscapeDataString(entry.CampaignId)}" : "");
        return added ? TypedResults.Created(location, entry) : TypedResults.Ok(entry);
    }

    public static async Task<NoContent> RemoveAsync([TextLimit(TextLimits.Phone)] string phone, [TextLimit(TextLimits.Id)] string? campaignId, [TextLimit(TextLimits.Code)] string? region,
        DncStore store, CancellationToken ct)
    {
        var e164 = Normalize(phone, region);
        return await store.RemoveAsync(e164, campaignId?.Trim() ?? "", ct) ? TypedResults.NoContent() : throw new EntityNotFoundException("DNC entry", e164);
    }

    public static async Task<Ok<DncImportResult>> ImportAsync(HttpRequest request, DncStore store, [TextLimit(TextLimits.Id)] string? campaignId,
        [TextLimit(TextLimits.Name)] string? reason, [TextLimit(TextLimits.Code)] string? region, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            throw new ValidationFailedException("file", "Send the numbers as multipart/form-data with a part named 'file'.");
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    if (DncImportForm.LimitOf(name) is { } limit) fields[name] = await ReadPartAsync(section.Body, name, limit, ct);
                    continue;
                }
                // The other parts must come first: the file is read straight from the request, never stored.
                var campaign = (fields.GetValueOrDefault("campaignId") ?? campaignId)?.Trim() ?? "";
                var why = fields.GetValueOrDefault("reason") ?? reason ?? "Bulk upload";
                var numbersRegion = fields.GetValueOrDefault("region") ?? region ?? "US";
                var counts = new Counts();
                // The first number is read before anything is written, so a file refused for its header leaves no trace.
                await using var numbers = ReadNumbersAsync(section.Body, numbersRegion, counts, ct).GetAsyncEnumerator(ct);
                var any = await numbers.MoveNextAsync();
                var (added, already, marked) = await store.AddManyAsync(Remaining(numbers, any), campaign, why, ct);
                return TypedResults.Ok(new DncImportResult(counts.Read, added, already, counts.Rejected, marked, counts.Errors));
            }
        }
        catch (Exception ex) when (ex is IOException and not BadHttpRequestException or InvalidDataException)
        {
            throw new ValidationFailedException("file", "The multipart body could not be read: " + ex.Message);
        }
        throw new ValidationFailedException("file", "The upload has no part named 'file'.");
    }

    /// <summary>A text part, checked like any other text (its limit from <see cref="DncImportForm"/>).</summary>
    private static async Task<string> ReadPartAsync(Stream body, string name, int maxLength, CancellationToken ct)
    {
        using var text = new StreamReader(body);
        var value = new char[maxLength + 1];
        var length = await text.ReadBlockAsync(value, ct);
        var part = new string(value, 0, length).Trim();
        if (TextRules.Check(part, maxLength) is { } problem) throw new ValidationFailedException(name, problem);
        return part;
    }

    private static async IAsyncEnumerable<string> Remaining(IAsyncEnumerator<string> numbers, bool any)
    {
        if (!any) yield break;
        do yield return numbers.Current;
        while (await numbers.MoveNextAsync());
    }

    /// <summary>Numbers from the upload: the column named like a phone column, else the first column; a file without a header is one number per line.</summary>
    private static async IAsyncEnumerable<string> ReadNumbersAsync(Stream body, string region, Counts counts, [EnumeratorCancellation] CancellationToken ct)
    {
        using var capped = new RecordCapReader(new StreamReader(body, detectEncodingFromByteOrderMarks: true), 64 * 1024);
        using var csv = await Sep.Reader(o => o with { DisableColCountCheck = true, Unescape = true, HasHeader = false }).FromAsync(capped, ct);
        var column = 0;
        var first = true;
        await foreach (var row in csv.WithCancellation(ct))
        {
            var line = row.LineNumberFrom + capped.SkippedLinesBefore(row.RowIndex);
            if (capped.TryTakeTruncated(row.RowIndex)) { counts.Reject(line, "The line is too long."); continue; }
            var cells = row[0..row.ColCount].ToStringsArray();
            if (first)
            {
                first = false;
                var header = Array.FindIndex(cells, c => c.Trim().Replace(" ", "").Replace("_", "").ToLowerInvariant() is "phone" or "phonenumber" or "number" or "telephone" or "mobile");
                var unrecognised = header < 0 && PhoneNumberNormalizer.TryNormalize(cells[0], region, out _) is null && cells.Length > 1;
                if (header >= 0 || unrecognised)
                {
                    CsvHeader.Check(cells);
                    if (header >= 0) column = header;
                    continue;
                }
            }
            var raw = column < cells.Length ? cells[column] : null;
            if (string.IsNullOrWhiteSpace(raw) && cells.All(string.IsNullOrWhiteSpace)) continue;
            counts.Read++;
            var phone = PhoneNumberNormalizer.TryNormalize(raw, region, out var error);
            if (phone is null) { counts.Reject(line, error!); continue; }
            yield return phone;
        }
    }

    private static string Normalize(string? phone, string? region)
    {
        var r = string.IsNullOrWhiteSpace(region) ? "US" : region.Trim().ToUpperInvariant();
        return PhoneNumberNormalizer.TryNormalize(phone, r, out var error) ?? throw new ValidationFailedException("phone", error!);
    }

    private sealed class Counts
    {
        public long Read { get; set; }
        public long Rejected { get; private set; }
        public List<DncImportError> Errors { get; } = [];

        public void Reject(long line, string reason)
        {
            Rejected++;
            if (Errors.Count < MaxReportedErrors) Errors.Add(new DncImportError(line, reason));
        }
    }
}
