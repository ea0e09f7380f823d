using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Reads agent scripts from JSON or YAML. Unknown members are errors so that typos surface at upload time.</summary>
public static class AgentScriptParser
{
    /// <summary>The script schema version this build understands.</summary>
    public const int SupportedVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly IDeserializer YamlReader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithEnumNamingConvention(CamelCaseNamingConvention.Instance)
        // YamlDotNet cannot instantiate read-only collection interfaces by itself.
        .WithTypeMapping<IReadOnlyDictionary<string, string>, Dictionary<string, string>>()
        .WithTypeMapping<IReadOnlyList<string>, List<string>>()
        .WithTypeMapping<IReadOnlyList<ScriptNode>, List<ScriptNode>>()
        .WithTypeMapping<IReadOnlyList<IntentDefinition>, List<IntentDefinition>>()
        .WithTypeMapping<IReadOnlyList<SlotDefinition>, List<SlotDefinition>>()
        .WithTypeMapping<IReadOnlyList<BranchCondition>, List<BranchCondition>>()
        .Build();

    /// <summary>Parses a script.</summary>
    /// <exception cref="AgentScriptFormatException">The text is not a well-formed script; the message names the position.</exception>
    public static AgentScript Parse(string text, ScriptFormat format = ScriptFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new AgentScriptFormatException("The script is empty.");
        }

        if (format == ScriptFormat.Auto)
        {
            format = text.TrimStart().StartsWith('{') ? ScriptFormat.Json : ScriptFormat.Yaml;
        }

        var script = format == ScriptFormat.Json ? ParseJson(text) : ParseYaml(text);
        return script ?? throw new AgentScriptFormatException("The script is empty.");
    }

    /// <summary>Writes a script as JSON (camelCase, enums as strings).</summary>
    public static string ToJson(AgentScript script) => JsonSerializer.Serialize(script, JsonOptions);

    private static AgentScript? ParseJson(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<AgentScript>(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, column {ex.BytePositionInLine + 1})" : "";
            throw new AgentScriptFormatException($"Invalid JSON script{where}{line}: {FirstLine(ex.Message)}", ex);
        }
    }

    private static AgentScript? ParseYaml(string text)
    {
        try
        {
            return YamlReader.Deserialize<AgentScript>(text);
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the real cause (unknown property, bad enum value) in an outer exception.
            var cause = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            throw new AgentScriptFormatException(
                $"Invalid YAML script (line {ex.Start.Line}, column {ex.Start.Column}): {cause}", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
