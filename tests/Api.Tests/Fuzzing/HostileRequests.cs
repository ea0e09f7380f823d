using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// The hostile variants of one operation: each path and query parameter in turn, each field of a
/// JSON body in turn (nested objects and array items too), whole bodies that are not JSON, upload
/// parts and files. Everything else in a variant is the plausible baseline, so the bad part is what
/// the server has to deal with.
/// </summary>
public sealed class HostileRequests(ApiDescription api, FuzzTargets targets)
{
    private const string Marker = "__fuzz_raw__";
    private const int MaxDepth = 4;
    private readonly SchemaSamples samples = new(api, targets);

    public IEnumerable<FuzzRequest> For(FuzzOperation operation)
    {
        var baseline = BaselineBody(operation);
        FuzzRequest Make(string variant, string path, string query, (byte[] Body, string ContentType)? body) =>
            new(operation, variant, path + query, body?.Body, body?.ContentType);

        yield return Make("baseline", PathOf(operation), "", baseline);
        foreach (var parameter in operation.InPath)
        {
            foreach (var value in HostileValues.UrlValues.Concat(HostileValues.UrlNuls))
                yield return Make($"path {parameter.Name}={Show(value)}", PathOf(operation, parameter.Name, value), "", baseline);
        }
        foreach (var parameter in operation.InQuery)
        {
            foreach (var value in HostileValues.UrlValues.Concat(HostileValues.UrlNuls))
                yield return Make($"query {parameter.Name}={Show(value)}", PathOf(operation), $"?{parameter.Name}={value}", baseline);
            yield return Make($"query {parameter.Name} twice", PathOf(operation), $"?{parameter.Name}=a&{parameter.Name}=b", baseline);
        }
        foreach (var (mediaType, schema) in operation.Bodies)
        {
            var bodies = IsJson(mediaType) ? JsonBodies(mediaType, schema)
                : mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ? UploadBodies(schema)
                : TextBodies(mediaType);
            foreach (var (variant, body) in bodies) yield return Make($"{mediaType} {variant}", PathOf(operation), "", body);
        }
    }

    private string PathOf(FuzzOperation operation, string? hostileName = null, string? hostileValue = null)
    {
        var path = operation.Path;
        foreach (var parameter in operation.InPath)
            path = path.Replace("{" + parameter.Name + "}", parameter.Name == hostileName ? hostileValue : targets.PathValue(operation, parameter), StringComparison.Ordinal);
        return path;
    }

    private (byte[] Body, string ContentType)? BaselineBody(FuzzOperation operation)
    {
        if (operation.Bodies.Count == 0) return null;
        var (mediaType, schema) = operation.Bodies.FirstOrDefault(b => IsJson(b.Key)) is { Key: not null } json ? json : operation.Bodies.First();
        if (IsJson(mediaType)) return (Encode(samples.Sample(schema)), mediaType);
        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return Upload();
        return (HostileValues.Utf8("name: fuzz\n"), mediaType);
    }

    private IEnumerable<(string Variant, (byte[], string)? Body)> JsonBodies(string mediaType, JsonObject schema)
    {
        foreach (var (label, value, raw) in Variants(schema, null, 0))
            yield return ($"body{label}", (Encode(value, raw), mediaType));
        foreach (var (name, body) in HostileValues.JsonBodies) yield return ($"{name} body", (body, mediaType));
        var baseline = Encode(samples.Sample(schema));
        yield return ("as text/plain", (baseline, "text/plain"));
        yield return ("without a content type", (baseline, null!));
        // Valid JSON padded past the body limit: the size, not the content, is what is refused.
        yield return ("2 MiB body", ([.. baseline, .. Encoding.ASCII.GetBytes(new string(' ', 2 * 1024 * 1024))], mediaType));
    }

    /// <summary>
    /// Values for one position of a body, each holding exactly one hostile part: the position itself
    /// replaced by a raw token, or (for objects and arrays) one of its members or items made hostile.
    /// </summary>
    private IEnumerable<(string Label, JsonNode? Value, string? Raw)> Variants(JsonObject schema, string? name, int depth)
    {
        var type = ApiDescription.MainType(schema);
        var tokens = schema["enum"] is not null ? [.. HostileValues.JsonStrings, "\"NotAValue\"", "1", "{}"]
            : type switch
            {
                "string" => [.. HostileValues.JsonStrings, .. HostileValues.JsonWrongTypes.Where(t => t is not "\"text\"" and not "null")],
                "integer" or "number" => [.. HostileValues.JsonNumbers, .. HostileValues.JsonWrongTypes.Where(t => t is not "123" and not "null")],
                "boolean" => [.. HostileValues.JsonWrongTypes.Where(t => t is not "true"), "\"true\""],
                "array" => [.. HostileValues.JsonWrongTypes.Where(t => t is not "[]" and not "null"), "[null]"],
                "object" when schema["properties"] is null => HostileValues.JsonAnyValues,
                "object" => HostileValues.JsonWrongTypes.Where(t => t is not "{}" and not "null"),
                _ => HostileValues.JsonAnyValues,
            };
        foreach (var token in tokens) yield return ($"={Show(token)}", JsonValue.Create(Marker), token);
        if (depth >= MaxDepth) yield break;
        if (type == "object" && schema["properties"] is not null)
        {
            var baseline = samples.Sample(schema, name, depth) as JsonObject ?? [];
            foreach (var (property, propertySchema, _) in api.Properties(schema))
            {
                foreach (var (label, value, raw) in Variants(propertySchema, property, depth + 1))
                {
                    var copy = (JsonObject)baseline.DeepClone();
                    copy[property] = value;
                    yield return ($".{property}{label}", copy, raw);
                }
            }
        }
        else if (type == "array" && schema["items"] is { } items)
        {
            var itemSchema = api.Resolve(items);
            foreach (var (label, value, raw) in Variants(itemSchema, null, depth + 1)) yield return ($"[0]{label}", new JsonArray(value), raw);
            yield return ("=1000 items", new JsonArray([.. Enumerable.Range(0, 1000).Select(_ => samples.Sample(itemSchema, null, depth + 1))]), null);
        }
    }

    private IEnumerable<(string Variant, (byte[], string)? Body)> UploadBodies(JsonObject schema)
    {
        foreach (var (name, content) in HostileValues.Files(FuzzTargets.Phone)) yield return ($"file: {name}", Upload(file: content));
        foreach (var (property, propertySchema, _) in api.Properties(schema))
        {
            if (propertySchema["format"]?.GetValue<string>() == "binary") continue;
            foreach (var value in new[] { "a\0b", "bell\u0007", "", "   ", HostileValues.Long, new string('x', 100_000), "{\"Phone\":\"phone\",\"Phone\":\"x\"}", "\ud800" })
                yield return ($"part {property}={Show(value)}", Upload(field: (property, value)));
        }
        yield return ("no file part", Upload(withFile: false));
        yield return ("two file parts", Upload(twice: true));
        foreach (var name in new[] { "bell\u0007.csv", "nul\0.csv", HostileValues.Long + ".csv" })
            yield return ($"file name {Show(name)}", Upload(fileName: name));
        var (body, contentType) = Upload();
        yield return ("no boundary", (body, "multipart/form-data"));
        yield return ("wrong boundary", (body, "multipart/form-data; boundary=nope"));
        yield return ("cut off", (body[..(body.Length / 2)], contentType));
        yield return ("JSON instead", (HostileValues.Utf8("{}"), "application/json"));
        yield return ("empty", ([], contentType));
    }

    private static (byte[] Body, string ContentType) Upload(byte[]? file = null, (string Name, string Value)? field = null, bool withFile = true, bool twice = false, string fileName = "fuzz.csv")
    {
        using var form = new MultipartFormDataContent("fuzz-boundary-" + Guid.NewGuid().ToString("N"));
        if (field is { } f) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(f.Value)), f.Name);
        for (var i = 0; withFile && i < (twice ? 2 : 1); i++)
        {
            var part = new ByteArrayContent(file ?? HostileValues.Utf8($"Phone,First Name\n{FuzzTargets.Phone},Fuzz\n"));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            // Written as RFC 5987 filename* when the name is not plain ASCII, as browsers and HttpClient do.
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
            form.Add(part);
        }
        return (form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), form.Headers.ContentType!.ToString());
    }

    private static IEnumerable<(string Variant, (byte[], string)? Body)> TextBodies(string mediaType)
    {
        foreach (var (name, text) in new[]
                 {
                     ("NUL", "name: a\0b\n"), ("escaped NUL", "name: \"a\\0b\"\n"), ("control characters", "name: \"a\\x07\\e\"\n"),
                     ("unclosed flow", "name: [unclosed\n"), ("tab indent", "name:\n\t- x\n"), ("megabyte scalar", "name: " + HostileValues.Megabyte + "\n"),
                     ("alias bomb", AliasBomb()), ("empty", ""), ("document markers only", "---\n...\n"), ("lone surrogate escape", "name: \"\\ud800\"\n"),
                 })
            yield return (name, (HostileValues.Utf8(text), mediaType));
        yield return ("invalid UTF-8", ([0x6E, 0x3A, 0x20, 0xFF, 0xFE, 0x0A], mediaType));
    }

    /// <summary>Nested aliases that expand to 10^7 values if a reader resolves them naively.</summary>
    private static string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 7; i++) text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return text.ToString();
    }

    private static byte[] Encode(JsonNode? value, string? raw = null)
    {
        var json = value?.ToJsonString() ?? "null";
        if (raw is not null) json = json.Replace($"\"{Marker}\"", raw, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json);
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A value as it appears in a failure message: long ones by their length, control characters escaped.</summary>
    private static string Show(string value)
    {
        var shown = value.Length > 40 ? $"<{value.Length:N0} chars>" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
