using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// The served OpenAPI document as the fuzzer reads it: every operation with its parameters and
/// request bodies, and the schema helpers that follow <c>$ref</c>s and nullable unions.
/// </summary>
public sealed class ApiDescription
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly JsonObject schemas;

    private ApiDescription(JsonObject document)
    {
        schemas = document["components"]?["schemas"] as JsonObject ?? [];
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in (JsonObject)document["paths"]!)
        {
            var shared = item!["parameters"] as JsonArray;
            foreach (var method in Methods)
            {
                if (item[method] is not JsonObject operation) continue;
                var parameters = (shared ?? []).Concat(operation["parameters"] as JsonArray ?? [])
                    .Select(p => new FuzzParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"]), p["required"]?.GetValue<bool>() ?? false))
                    .ToList();
                var bodies = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
                if (operation["requestBody"]?["content"] is JsonObject content)
                {
                    foreach (var (mediaType, media) in content) bodies[mediaType] = Resolve(media?["schema"]);
                }
                var id = operation["operationId"]?.GetValue<string>() ?? $"{method} {path}";
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, id, parameters, bodies));
            }
        }
        Operations = operations;
    }

    public IReadOnlyList<FuzzOperation> Operations { get; }

    public static ApiDescription Parse(string json) => new((JsonObject)JsonNode.Parse(json)!);

    /// <summary>The schema itself: <c>$ref</c>s followed, the non-null branch of a nullable union taken.</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        for (var hops = 0; hops < 32 && schema is JsonObject o; hops++)
        {
            if (o["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = schemas[reference.Split('/')[^1]];
                continue;
            }
            var union = (o["oneOf"] ?? o["anyOf"]) as JsonArray;
            var branch = union?.FirstOrDefault(b => b is JsonObject x && !TypesOf(x).SequenceEqual(["null"]));
            if (branch is null) return o;
            schema = branch;
        }
        return schema as JsonObject ?? [];
    }

    /// <summary>The JSON types a schema allows (<c>type</c> as a string or an array), "null" included.</summary>
    public static IReadOnlyList<string> TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => [v.GetValue<string>()],
        JsonArray a => a.Select(t => t!.GetValue<string>()).ToList(),
        _ => schema["properties"] is not null ? ["object"] : schema["items"] is not null ? ["array"] : [],
    };

    /// <summary>The main type of a schema: the first that is not "null" ("integer" before "string" for numbers in a query).</summary>
    public static string? MainType(JsonObject schema) => TypesOf(schema).FirstOrDefault(t => t != "null");

    public IEnumerable<(string Name, JsonObject Schema, bool Required)> Properties(JsonObject schema)
    {
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
            yield return (name, Resolve(property), required.Contains(name));
    }
}
