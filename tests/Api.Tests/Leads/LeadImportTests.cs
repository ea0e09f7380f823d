using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Leads;

[Collection(ApiCollection.Name)]
public sealed class LeadImportTests(ApiServer server)
{
    private readonly LeadApiClient api = new(server.Http);

    [Fact]
    public async Task Import_MixedFile_KeepsGoodRowsAndReportsEachRejectedLine()
    {
        var listId = await api.CreateListAsync();
        var csv = "\uFEFFFirst Name,Last Name,Phone Number,E-mail,City,Zip,Favorite Color,Tags\r\n" +   // line 1
                  "Ann,Lee,(212) 734-0199,ann@example.com,New York,10021,blue,vip|spring\r\n" +          // 2 good
                  "Bob,\"Smith, Jr.\",310-555-0100,,\"Los\r\nAngeles\",90001,red,\r\n" +                // 3-4 good: comma and newline in quotes
                  "Cy,Ray,12345,,Austin,,,\r\n" +                                                        // 5 invalid number
                  "Di,Dee,,,Boston,,,\r\n" +                                                             // 6 missing number
                  "Ed,Eng,415-555-0123,,SF,,green,,extra\r\n" +                                          // 7 ragged
                  "Fay,Fox,+1 212 734 0199,,,,,\r\n" +                                                   // 8 repeat of line 2
                  "\r\n" +                                                                               // 9 blank: skipped
                  "Gus,Go,(617) 555-0142,not-an-email,,,,\r\n" +                                         // 10 bad e-mail
                  "Hal,Hu,617.253.1000,,Cambridge,02139,,\r\n";                                          // 11 good
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        Assert.Equal(8, status["rowsRead"]!.GetValue<long>());
        Assert.Equal(3, status["imported"]!.GetValue<long>());
        Assert.Equal(4, status["rejected"]!.GetValue<long>());
        Assert.Equal(1, status["duplicates"]!.GetValue<long>());
        Assert.Equal(100, status["percent"]!.GetValue<double>());

        var leads = await api.LeadsAsync(listId);
        Assert.Equal(["+12127340199", "+13105550100", "+16172531000"], leads.Select(l => l["phone"]!.GetValue<string>()));
        var ann = leads[0];
        Assert.Equal("Ann", ann["firstName"]!.GetValue<string>());
        Assert.Equal("America/New_York", ann["timeZone"]!.GetValue<string>());
        Assert.Equal(["vip", "spring"], ann["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("blue", ann["customFields"]!["Favorite Color"]!.GetValue<string>());
        Assert.Equal("Smith, Jr.", leads[1]["lastName"]!.GetValue<string>());
        Assert.Equal("Los\r\nAngeles", leads[1]["city"]!.GetValue<string>());
        Assert.Equal("America/Los_Angeles", leads[1]["timeZone"]!.GetValue<string>());

        var errors = (await api.ErrorsCsvAsync(status["id"]!.GetValue<long>())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,reason,First Name,Last Name,Phone Number,E-mail,City,Zip,Favorite Color,Tags", errors[0]);
        Assert.Equal(["5", "6", "7", "10"], errors.Skip(1).Where(e => char.IsDigit(e[0])).Select(e => e.Split(',')[0]).Take(4));
        Assert.Contains("is not a valid phone number", errors[1]);
        Assert.Contains("missing", errors[2]);
        Assert.Contains("9 fields; the header has 8", errors[3]);
        Assert.Contains("not an e-mail address", errors[4]);
        Assert.StartsWith("5,", errors[1]);
        Assert.Contains("Cy,Ray,12345", errors[1]);
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    public async Task Import_SemicolonOrTabDelimited_IsDetected(string delimiter)
    {
        var listId = await api.CreateListAsync();
        var csv = string.Join(delimiter, "first_name", "last_name", "phone", "state") + "\n" +
                  string.Join(delimiter, "Ann", "Lee", "\"212,734,0199\"".Replace(",", ""), "NY") + "\n" +
                  string.Join(delimiter, "Bo", "\"Semi;colon\ttab\"", "3105550100", "CA") + "\n";
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        Assert.Equal(2, status["imported"]!.GetValue<long>());
        var leads = await api.LeadsAsync(listId);
        Assert.Equal("Semi;colon\ttab", leads[1]["lastName"]!.GetValue<string>());
        Assert.Equal("NY", leads[0]["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_Utf16WithBom_IsTranscoded()
    {
        var listId = await api.CreateListAsync();
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Name,Nachname,Telefon\nJürgen,Müller,2127340199\n")).ToArray();
        var status = await api.ImportAsync(listId, bytes, mapping: """{"Name":"firstName","Nachname":"lastName","Telefon":"phone"}""");
        Assert.Equal(1, status["imported"]!.GetValue<long>());
        var lead = (await api.LeadsAsync(listId)).Single();
        Assert.Equal("Jürgen", lead["firstName"]!.GetValue<string>());
        Assert.Equal("Müller", lead["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_Latin1File_IsTranscoded()
    {
        var listId = await api.CreateListAsync();
        var status = await api.ImportAsync(listId, Encoding.Latin1.GetBytes("First Name,Phone\nRené,2127340199\nZoë,3105550100\n"));
        Assert.Equal(2, status["imported"]!.GetValue<long>());
        Assert.Equal(["René", "Zoë"], (await api.LeadsAsync(listId)).Select(l => l["firstName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Import_Utf8FileWithAStrayInvalidByte_RejectsOnlyThatRow()
    {
        var listId = await api.CreateListAsync();
        // More than the 64 KB sample of valid UTF-8 first, so the file reads as UTF-8; then one Latin-1 byte on line 3.
        var head = Encoding.UTF8.GetBytes("First Name,Phone,Comments\nJosé,2127340199," + new string('é', 40_000) + "\n");
        var bad = Encoding.Latin1.GetBytes("Andr\u00e9,3105550100,\n");
        var tail = Encoding.UTF8.GetBytes("Zoë,6172531000,\n");
        var status = await api.ImportAsync(listId, [.. head, .. bad, .. tail]);
        Assert.Equal(2, status["imported"]!.GetValue<long>());
        Assert.Equal(1, status["rejected"]!.GetValue<long>());
        Assert.Contains("3,The row holds bytes that are not valid UTF-8", await api.ErrorsCsvAsync(status["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Import_HugeSingleLine_IsRejectedUnreadAndLaterRowsKeepTheirLineNumbers()
    {
        // A 1 GB line, as the issue asks: far over the 1 MiB record cap, so the importer skips it unread
        // (streamed through the upload, the spool and the reader without ever being held).
        var listId = await api.CreateListAsync();
        var content = new StreamContent(new GeneratedCsvStream("First Name,Phone,Comments\nAnn,2127340199,ok\nBig,3105550100,", 1024L * 1024 * 1024,
            "\nCy,6172531000,\"two\nlines\"\nDee,4155550123,after\n"));
        var status = await api.ImportAsync(listId, content);
        Assert.Equal(3, status["imported"]!.GetValue<long>());
        Assert.Equal(1, status["rejected"]!.GetValue<long>());
        var errors = await api.ErrorsCsvAsync(status["id"]!.GetValue<long>());
        Assert.Contains("3,\"The row is longer than 1,048,576 characters", errors);
        Assert.True(errors.Length < 10_000, "the error report keeps only a prefix of the huge row");
        var leads = await api.LeadsAsync(listId);
        Assert.Equal(["Ann", "Cy", "Dee"], leads.Select(l => l["firstName"]!.GetValue<string>()));
        Assert.Equal("two\nlines", leads[1]["comments"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_UnclosedQuote_RejectsTheRestAsOneRowAndKeepsTheRowsBefore()
    {
        var listId = await api.CreateListAsync();
        var csv = "First Name,Phone\nAnn,2127340199\nBad,\"3105550100\nCy,6172531000\n";
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        Assert.Equal(1, status["imported"]!.GetValue<long>());
        Assert.Equal(1, status["rejected"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("First Name,Phone\r\n", "no rows")]
    [InlineData("First Name,City\nAnn,Boston\n", "No column holds the phone number")]
    public async Task Import_UnusableFile_IsRefusedWithAClearProblem(string csv, string expected)
    {
        var listId = await api.CreateListAsync();
        var problem = await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, LeadApiClient.Utf8(csv)), HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.ToJsonString());
    }

    [Fact]
    public async Task Import_BinaryJunk_IsRefused()
    {
        var listId = await api.CreateListAsync();
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        junk[10] = 0;
        var problem = await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, junk), HttpStatusCode.BadRequest);
        Assert.Contains("binary", problem["errors"]!["file"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_Utf16WithoutBom_IsRefusedAsBinary()
    {
        var listId = await api.CreateListAsync();
        var problem = await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, Encoding.Unicode.GetBytes("Phone\n2127340199\n")), HttpStatusCode.BadRequest);
        Assert.Contains("UTF-16 without a byte-order mark", problem.ToJsonString());
    }

    [Fact]
    public async Task Import_BadRequests_AreProblems()
    {
        var listId = await api.CreateListAsync();
        var csv = LeadApiClient.Utf8("Phone\n2127340199\n");
        await LeadApiClient.ReadAsync(await api.PostImportAsync(999_999, csv), HttpStatusCode.NotFound);
        await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, csv, duplicates: "merge"), HttpStatusCode.BadRequest);
        var wrongMapping = await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, csv, mapping: """{"Mobile":"phone"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("no column 'Mobile'", wrongMapping["errors"]!["mapping"]![0]!.GetValue<string>());
        await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, csv, mapping: """{"Phone":"shoeSize"}"""), HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await api.PostImportAsync(listId, csv, mapping: "not json"), HttpStatusCode.BadRequest);
        var notMultipart = await server.Http.PostAsync($"/api/lists/{listId}/imports", new ByteArrayContent(csv));
        await LeadApiClient.ReadAsync(notMultipart, HttpStatusCode.BadRequest);
        await LeadApiClient.ReadAsync(await server.Http.GetAsync("/api/imports/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_RowWithNulCharacter_IsRejectedAndEveryOtherValueArrivesIntact()
    {
        // The rows are sent in PostgreSQL's binary COPY format we encode ourselves: non-ASCII text,
        // a surrogate pair, arrays, JSON and NULLs must come back exactly; a NUL (which no text
        // column can hold) must cost only its row, not the whole COPY. The padding row keeps the
        // NUL beyond the 64 KB sample that refuses binary files at upload.
        var listId = await api.CreateListAsync();
        var csv = "First Name,Last Name,Phone,Alt Phones,Tags,Shoe Size,Email\n" +
                  "Zoë,Müller 😀,2127340199,3105550100|(617) 253-1000,vip;spring,\"quote \"\"x\"\", ok\",\n" +
                  "Pad,Row,4155550100,,," + new string('p', 70_000) + ",\n" +
                  "Nul,Row,3105550111,,,bad\0value,\n" +
                  ",,6172531001,,,,a@b.co\n";
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8(csv));
        Assert.Equal((3L, 1L), (status["imported"]!.GetValue<long>(), status["rejected"]!.GetValue<long>()));
        Assert.Contains("4,\"The row holds a NUL character,", await api.ErrorsCsvAsync(status["id"]!.GetValue<long>()));

        var leads = await api.LeadsAsync(listId);
        Assert.Equal(["+12127340199", "+14155550100", "+16172531001"], leads.Select(l => l["phone"]!.GetValue<string>()));
        Assert.Equal(70_000, leads[1]["customFields"]!["Shoe Size"]!.GetValue<string>().Length);
        var zoe = leads[0];
        Assert.Equal("Zoë", zoe["firstName"]!.GetValue<string>());
        Assert.Equal("Müller 😀", zoe["lastName"]!.GetValue<string>());
        Assert.Equal(["+13105550100", "+16172531000"], zoe["altPhones"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["vip", "spring"], zoe["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("quote \"x\", ok", zoe["customFields"]!["Shoe Size"]!.GetValue<string>());
        Assert.Null(zoe["email"]);
        var bare = leads[2];
        Assert.Null(bare["firstName"]);
        Assert.Empty(bare["altPhones"]!.AsArray());
        Assert.Empty(bare["tags"]!.AsArray());
        Assert.Empty(bare["customFields"]!.AsObject());
        Assert.Equal("a@b.co", bare["email"]!.GetValue<string>());
        Assert.Equal("New", bare["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_StateColumn_RefinesTheNumbersZone_AnExplicitZoneWins()
    {
        var listId = await api.CreateListAsync();
        var csv = "Phone,State,Time Zone\n" +
                  "(212) 734-0199,CA,\n" +                       // New York number, California address
                  "(915) 555-0100,Texas,\n" +                    // El Paso: Texas, but Mountain time
                  "(617) 253-1000,,\n" +                         // no address: the number's zone
                  "(312) 555-0142,NY,America/Phoenix\n";         // an explicit zone wins
        await api.ImportAsync(listId, LeadApiClient.Utf8(csv));

        var zones = (await api.LeadsAsync(listId)).Select(l => l["timeZone"]!.GetValue<string>());
        Assert.Equal(["America/Los_Angeles", "America/Denver", "America/New_York", "America/Phoenix"], zones);

        // A lead added on its own gets its zone the same way.
        var single = await LeadApiClient.ReadAsync(
            await server.Http.PostAsJsonAsync("/api/leads", new { listId, phone = "(212) 734-0100", state = "California" }), HttpStatusCode.Created);
        Assert.Equal("America/Los_Angeles", single["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_ExplicitMapping_WinsOverDetection()
    {
        var listId = await api.CreateListAsync();
        var csv = "Phone,Mobile,Ref\n(212) 734-0199,3105550100,A-1\n";
        await api.ImportAsync(listId, LeadApiClient.Utf8(csv), mapping: """{"Mobile":"phone","Phone":"altPhones","Ref":"ignore"}""");
        var lead = (await api.LeadsAsync(listId)).Single();
        Assert.Equal("+13105550100", lead["phone"]!.GetValue<string>());
        Assert.Equal(["+12127340199"], lead["altPhones"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Empty(lead["customFields"]!.AsObject());
    }

    [Fact]
    public async Task Import_DuplicatePolicies_SkipUpdateAllow()
    {
        var listId = await api.CreateListAsync();
        await api.ImportAsync(listId, LeadApiClient.Utf8("First Name,Last Name,Phone\nAnn,Lee,2127340199\nBo,Bay,3105550100\n"));

        var again = LeadApiClient.Utf8("First Name,City,Phone\nAnnie,Boston,212-734-0199\nNew,Austin,5125550100\nAnna,Denver,2127340199\n");
        var skip = await api.ImportAsync(listId, again);
        Assert.Equal((1L, 2L), (skip["imported"]!.GetValue<long>(), skip["duplicates"]!.GetValue<long>()));
        var ann = (await api.LeadsAsync(listId, "&q=%2B12127340199")).Single();
        Assert.Equal("Ann", ann["firstName"]!.GetValue<string>());

        var update = await api.ImportAsync(listId, again, duplicates: "update");
        Assert.Equal(0, update["imported"]!.GetValue<long>());
        Assert.Equal(2, update["updated"]!.GetValue<long>());
        ann = (await api.LeadsAsync(listId, "&q=%2B12127340199")).Single();
        Assert.Equal("Anna", ann["firstName"]!.GetValue<string>()); // the file's last row wins
        Assert.Equal("Lee", ann["lastName"]!.GetValue<string>());   // fields the file lacks are kept
        Assert.Equal("Denver", ann["city"]!.GetValue<string>());

        var allow = await api.ImportAsync(listId, again, duplicates: "allow");
        Assert.Equal(3, allow["imported"]!.GetValue<long>());
        Assert.Equal(3, (await api.LeadsAsync(listId, "&q=%2B12127340199")).Count);
        Assert.Equal(6, (await api.LeadsAsync(listId)).Count);
    }

    [Fact]
    public async Task Import_NumberOnGlobalDnc_IsImportedAsDoNotCall()
    {
        var listId = await api.CreateListAsync();
        await LeadApiClient.ReadAsync(await server.Http.PostAsJsonAsync("/api/dnc", new { phone = "(415) 555-0199" }), HttpStatusCode.Created);
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n4155550199\n4155550198\n"));
        Assert.Equal(2, status["imported"]!.GetValue<long>());
        Assert.Equal(1, status["doNotCall"]!.GetValue<long>());
        var leads = await api.LeadsAsync(listId);
        Assert.Equal(["DoNotCall", "New"], leads.Select(l => l["status"]!.GetValue<string>()));

        // Into a list that has leads: only new numbers count, DNC ones included.
        var again = await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n4155550199\n4155550197\n"));
        Assert.Equal((1L, 0L, 1L), (again["imported"]!.GetValue<long>(), again["doNotCall"]!.GetValue<long>(), again["duplicates"]!.GetValue<long>()));
        await LeadApiClient.ReadAsync(await server.Http.PostAsJsonAsync("/api/dnc", new { phone = "4155550196" }), HttpStatusCode.Created);
        var third = await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n4155550196\n4155550199\n"));
        Assert.Equal((1L, 1L, 1L), (third["imported"]!.GetValue<long>(), third["doNotCall"]!.GetValue<long>(), third["duplicates"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Import_CancelledWhileRunning_LeavesTheListEmpty()
    {
        // 1,000 good rows, then a 150 MB line the importer must read through before it can end:
        // long enough for the cancel request to land while the import runs.
        var listId = await api.CreateListAsync();
        var rows = string.Concat(Enumerable.Range(0, 1000).Select(i => $"P{i},212555{1000 + i}\n"));
        var content = new StreamContent(new GeneratedCsvStream("First Name,Phone\n" + rows + "Big,", 150L * 1024 * 1024, "\nLast,3105550100\n"));
        var accepted = await LeadApiClient.ReadAsync(await server.Http.PostAsync($"/api/lists/{listId}/imports", LeadApiClient.Upload(content)), HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<long>();
        await LeadApiClient.ReadAsync(await server.Http.DeleteAsync($"/api/imports/{id}"), HttpStatusCode.Accepted);
        var status = await api.WaitAsync(id);
        Assert.Equal("Cancelled", status["status"]!.GetValue<string>());
        Assert.Equal(0, status["imported"]!.GetValue<long>());
        Assert.Empty(await api.LeadsAsync(listId));
        Assert.Equal(0, (await LeadApiClient.ReadAsync(await server.Http.GetAsync($"/api/lists/{listId}"), HttpStatusCode.OK))["leadCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Import_FinishedImport_CannotBeCancelled()
    {
        var listId = await api.CreateListAsync();
        var status = await api.ImportAsync(listId, LeadApiClient.Utf8("Phone\n2127340199\n"));
        await LeadApiClient.ReadAsync(await server.Http.DeleteAsync($"/api/imports/{status["id"]}"), HttpStatusCode.Conflict);
    }
}
