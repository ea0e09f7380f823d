using System.Collections.Concurrent;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Broadcast.Library;

/// <summary>
/// Parsed scripts by id and version for the calls of this silo. A saved version never changes, so an entry never goes
/// stale; only "which version is latest" is asked of the database.
/// </summary>
public sealed class AgentScriptCache(AgentScriptStore store)
{
    private const int MaxEntries = 1000;
    private readonly ConcurrentDictionary<(string Id, int Version), AgentScript> scripts = new();

    /// <summary>The parsed script at a version.</summary>
    /// <exception cref="EntityNotFoundException">No such script version.</exception>
    public async Task<AgentScript> GetAsync(string id, int version, CancellationToken ct = default)
    {
        if (scripts.TryGetValue((id, version), out var script)) return script;
        var stored = await store.GetAsync(id, version, ct) ?? throw new EntityNotFoundException("Agent script", $"{id} v{version}");
        script = AgentScriptParser.Parse(stored.Definition, ScriptFormat.Json);
        // Scripts are small, but an unbounded map is a leak in a long-lived silo: start over when it is full.
        if (scripts.Count >= MaxEntries) scripts.Clear();
        scripts[(id, version)] = script;
        return script;
    }
}
