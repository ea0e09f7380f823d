using ContactCenter.Api.Csv;
using System.Globalization;
using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads;

/// <summary>
/// Writes leads as CSV while they are read from PostgreSQL. The profile columns use names the
/// importer recognises, so an export imports back as the same leads (dialing state columns are
/// ignored on import); list-valued cells are joined with '|', custom fields are one JSON cell.
/// </summary>
public static class LeadCsvExport
{
    public static readonly string[] Columns =
    [
        "id", "listId", "firstName", "lastName", "address", "city", "state", "postalCode", "country", "phone", "altPhones", "gender", "email",
        "comments", "customFields", "tags", "timeZone", "status", "attempts", "lastOutcome", "disposition", "createdAt",
    ];

    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<Lead> leads, string fileName, CancellationToken ct)
    {
        var csv = CsvResponse.Start(response, fileName);
        await csv.WriteRowAsync(Columns, ct);
        await foreach (var lead in leads.WithCancellation(ct))
        {
            await csv.WriteRowAsync(
            [
                lead.Id.ToString(CultureInfo.InvariantCulture), lead.ListId.ToString(CultureInfo.InvariantCulture), lead.FirstName, lead.LastName,
                lead.Address, lead.City, lead.State, lead.PostalCode, lead.Country, lead.Phone, string.Join('|', lead.AltPhones), lead.Gender,
                lead.Email, lead.Comments, lead.CustomFields == "{}" ? "" : lead.CustomFields, string.Join('|', lead.Tags), lead.TimeZone,
                lead.Status.ToString(), lead.Attempts.ToString(CultureInfo.InvariantCulture), lead.LastOutcome, lead.Disposition,
                lead.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ], ct);
        }
        await csv.FlushAsync(ct);
    }
}
