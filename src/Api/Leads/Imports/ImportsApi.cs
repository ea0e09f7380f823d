using ContactCenter.Api.Csv;
using System.Globalization;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Leads.Imports;

public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/lists/{id:long}/imports", StartImportAsync).WithTags("Imports").WithName("StartLeadImport")
            .WithSummary("Upload a CSV of leads (multipart part 'file'; optional parts 'mapping' {\"csvHeader\":\"field\"} and 'duplicates' skip|update|allow); imports in the background")
            .DisableAntiforgery().Accepts<LeadImportForm>("multipart/form-data").AcceptsUpload()
            .ProducesInvalid().ProducesNotFound().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        var api = app.MapGroup("api/imports").WithTags("Imports").ProducesUnavailable();
        api.MapGet("{id:long}", GetImportAsync).WithName("GetLeadImport").WithSummary("Status and progress of an import")
            .ProducesNotFound();
        api.MapGet("{id:long}/errors", GetErrorsAsync).WithName("GetLeadImportErrors").WithSummary("Rejected rows as CSV: line, reason, then the row's fields")
            .Produces<string>(StatusCodes.Status200OK, CsvResponse.ContentType).ProducesNotFound();
        api.MapDelete("{id:long}", CancelImportAsync).WithName("CancelLeadImport").WithSummary("Cancel a running import; nothing of it is kept")
            .ProducesNotFound().ProducesConflict();
        return app;
    }

    /// <param name="duplicates">skip (default), update or allow; the multipart part of that name wins.</param>
    /// <param name="mapping">A JSON object of CSV header to lead field; the multipart part of that name wins.</param>
    public static async Task<Accepted<LeadImportStatus>> StartImportAsync(long id, HttpRequest request, [TextLimit(TextLimits.Code)] string? duplicates,
        [TextLimit(TextLimits.Part, Multiline = true)] string? mapping, LeadStore leads, LeadImportStore imports, LeadImportQueue queue,
        IOptions<LeadImportOptions> options, IOptions<RequestLimitOptions> limits, CancellationToken ct)
    {
        var list = await leads.GetListAsync(id, ct) ?? throw new EntityNotFoundException("List", id.ToString(CultureInfo.InvariantCulture));
        var settings = options.Value;
        await using var upload = await ImportUpload.ReadAsync(request, settings.ResolvedSpoolDirectory, limits.Value.MaxUploadBytes, ct);
        var policy = DuplicatePolicyNames.Parse(upload.Fields.GetValueOrDefault("duplicates") ?? duplicates);
        var parsedMapping = LeadColumnMap.ParseMapping(upload.Fields.GetValueOrDefault("mapping") ?? mapping);
        if (upload.FileBytes == 0) throw new ValidationFailedException("file", "The file is empty.");

        // Check what can be checked at once (encoding, header, mapping, any rows at all), so a
        // wrong file gets its 400 now rather than a Failed import later.
        IReadOnlyList<string> headers;
        using (var csv = LeadCsvReader.Open(upload.FilePath!, settings.MaxRecordChars))
        {
            headers = csv.Headers;
            _ = LeadColumnMap.Create(headers, parsedMapping);
            if (!csv.ReadRows().Any()) throw new ValidationFailedException("file", "The file has a header line but no rows.");
        }
        var status = await imports.CreateAsync(list.Id, upload.FileName, upload.FileBytes, policy, headers, ct);
        queue.Enqueue(new LeadImportJob(status.Id, list.Id, list.DefaultRegion, upload.FilePath!, policy, parsedMapping));
        upload.HandOver();
        return TypedResults.Accepted($"/api/imports/{status.Id}", status);
    }

    public static async Task<Ok<LeadImportStatus>> GetImportAsync(long id, LeadImportStore imports, CancellationToken ct) =>
        TypedResults.Ok(await imports.GetAsync(id, ct) ?? throw new EntityNotFoundException("Import", id.ToString(CultureInfo.InvariantCulture)));

    public static async Task GetErrorsAsync(long id, HttpResponse response, LeadImportStore imports, CancellationToken ct)
    {
        _ = await imports.GetAsync(id, ct) ?? throw new EntityNotFoundException("Import", id.ToString(CultureInfo.InvariantCulture));
        var headers = await imports.GetHeadersAsync(id, ct);
        var csv = CsvResponse.Start(response, $"import-{id}-errors.csv");
        await csv.WriteRowAsync(new[] { "line", "reason" }.Concat(headers), ct);
        await foreach (var row in imports.ReadErrorsAsync(id, ct))
            await csv.WriteRowAsync(new[] { row.Line.ToString(CultureInfo.InvariantCulture), row.Reason }.Concat(row.Fields), ct);
        await csv.FlushAsync(ct);
    }

    public static async Task<Accepted<LeadImportStatus>> CancelImportAsync(long id, LeadImportStore imports, CancellationToken ct)
    {
        var status = await imports.GetAsync(id, ct) ?? throw new EntityNotFoundException("Import", id.ToString(CultureInfo.InvariantCulture));
        if (!await imports.RequestCancelAsync(id, ct))
            throw new InvalidTransitionException("Import", id.ToString(CultureInfo.InvariantCulture), status.Status, "cancel");
        return TypedResults.Accepted($"/api/imports/{id}", await imports.GetAsync(id, ct));
    }
}
