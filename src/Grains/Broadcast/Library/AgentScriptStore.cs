using ContactCenter.Grains.Broadcast.Scripts;
using Npgsql;

namespace ContactCenter.Grains.Broadcast.Library;

/// <summary>
/// The <c>agent_scripts</c> table: versioned AI agent scripts. Versions are immutable rows; saving a new version
/// takes the next number inside one statement and retries when a concurrent save took it first.
/// </summary>
public sealed class AgentScriptStore(NpgsqlDataSource db)
{
    private const string Columns = "script_id, version, name, definition, source, format, created_at";
    private const int MaxSaveAttempts = 5;

    /// <summary>Saves a script as version 1 of a new id.</summary>
    /// <exception cref="InvalidOperationException">The id is taken.</exception>
    public async Task<StoredAgentScript> CreateAsync(string id, AgentScript script, string source, ScriptFormat format, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO agent_scripts (script_id, version, name, definition, source, format)
            VALUES ($1, 1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING {Columns}
            """);
        AddValues(cmd, id, script, source, format);
        return (await ReadAsync(cmd, ct)).FirstOrDefault() ?? throw new InvalidOperationException($"Agent script '{id}' already exists.");
    }

    /// <summary>Saves the next version of an existing script; null when the id is unknown.</summary>
    public async Task<StoredAgentScript?> AddVersionAsync(string id, AgentScript script, string source, ScriptFormat format, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var cmd = db.CreateCommand($"""
                INSERT INTO agent_scripts (script_id, version, name, definition, source, format)
                SELECT $1, max(version) + 1, $2, $3, $4, $5 FROM agent_scripts WHERE script_id = $1 HAVING count(*) > 0
                RETURNING {Columns}
                """);
            AddValues(cmd, id, script, source, format);
            try
            {
                return (await ReadAsync(cmd, ct)).FirstOrDefault();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxSaveAttempts)
            {
                // Two updates read the same max(version): the loser takes the following number.
            }
        }
    }

    /// <summary>One version, or the latest when <paramref name="version"/> is null; null when absent.</summary>
    public async Task<StoredAgentScript?> GetAsync(string id, int? version = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM agent_scripts WHERE script_id = $1 AND ($2::integer IS NULL OR version = $2)
            ORDER BY version DESC LIMIT 1
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>The highest version of a script, or null when it does not exist.</summary>
    public async Task<int?> GetLatestVersionAsync(string id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT max(version) FROM agent_scripts WHERE script_id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync(ct) is int v ? v : null;
    }

    /// <summary>Every script with its latest version, by id.</summary>
    public async Task<IReadOnlyList<AgentScriptSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT ON (script_id) script_id, name, version,
                   min(created_at) OVER (PARTITION BY script_id), created_at
            FROM agent_scripts ORDER BY script_id, version DESC
            """);
        var list = new List<AgentScriptSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new AgentScriptSummary(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)));
        }
        return list;
    }

    /// <summary>Every version of a script, oldest first; empty when the id is unknown.</summary>
    public async Task<IReadOnlyList<StoredAgentScript>> ListVersionsAsync(string id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM agent_scripts WHERE script_id = $1 ORDER BY version");
        cmd.Parameters.Add(new() { Value = id });
        return await ReadAsync(cmd, ct);
    }

    private static void AddValues(NpgsqlCommand cmd, string id, AgentScript script, string source, ScriptFormat format)
    {
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = script.Name ?? "" });
        cmd.Parameters.Add(new() { Value = AgentScriptParser.ToJson(script) });
        cmd.Parameters.Add(new() { Value = source });
        cmd.Parameters.Add(new() { Value = format == ScriptFormat.Yaml ? "yaml" : "json" });
    }

    private static async Task<List<StoredAgentScript>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<StoredAgentScript>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredAgentScript(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6)));
        }
        return list;
    }
}
