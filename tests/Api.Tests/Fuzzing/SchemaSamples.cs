using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// A plausible value for a schema: the baseline a request starts from before one part of it is made hostile.
/// Objects carry their required properties and those <see cref="FuzzTargets.Known"/> can fill in.
/// </summary>
public sealed class SchemaSamples(ApiDescription api, FuzzTargets targets)
{
    private const int MaxDepth = 6;

    public JsonNode? Sample(JsonObject schema, string? propertyName = null, int depth = 0)
    {
        if (propertyName is not null && targets.Known(propertyName) is { } known) return known;
        if (schema["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first) return first.DeepClone();
        return ApiDescription.MainType(schema) switch
        {
            "object" => depth >= MaxDepth ? new JsonObject() : Object(schema, depth),
            "array" => new JsonArray(),
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "date-time" => "2030-01-01T08:00:00Z",
                "binary" => "fuzz",
                _ => "fuzz",
            },
            "integer" => schema["minimum"]?.DeepClone() ?? 1,
            "number" => schema["minimum"]?.DeepClone() ?? 1,
            "boolean" => false,
            _ => new JsonObject(),
        };
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        var sample = new JsonObject();
        foreach (var (name, property, required) in api.Properties(schema))
        {
            if (required || targets.Known(name) is not null) sample[name] = Sample(property, name, depth + 1);
        }
        return sample;
    }
}
