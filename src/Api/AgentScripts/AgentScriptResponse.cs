using System.Text.Json;
using ContactCenter.Grains.Broadcast.Library;

namespace ContactCenter.Api.AgentScripts;

/// <summary>One saved script version as the API returns it.</summary>
/// <param name="Script">The script as the engine reads it (JSON).</param>
/// <param name="Source">The text as uploaded (JSON or YAML).</param>
/// <param name="Warnings">Validator warnings ("path: message"); they do not stop the script from running.</param>
public sealed record AgentScriptResponse(string Id, int Version, string Name, string Format, DateTimeOffset CreatedAt, JsonElement Script, string Source, IReadOnlyList<string> Warnings)
{
    public static AgentScriptResponse From(StoredAgentScript s, IReadOnlyList<string> warnings)
    {
        using var json = JsonDocument.Parse(s.Definition);
        return new(s.Id, s.Version, s.Name, s.Format, s.CreatedAt, json.RootElement.Clone(), s.Source, warnings);
    }
}
