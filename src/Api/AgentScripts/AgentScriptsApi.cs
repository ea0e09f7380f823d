using System.Text;
using System.Text.RegularExpressions;
using ContactCenter.Api.Input;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ContactCenter.Api.AgentScripts;

/// <summary>
/// AI agent scripts, versioned: POST creates version 1, PUT saves the next version, GET reads the latest or a given one.
/// Bodies are JSON (<c>application/json</c>) or YAML (<c>application/yaml</c>, <c>text/yaml</c>).
/// </summary>
public static partial class AgentScriptsApi
{
    private const int MaxScriptBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapAgentScriptsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/agent-scripts").WithTags("Agent scripts").ProducesUnavailable();
        api.MapGet("", ListAsync).WithName("ListAgentScripts").WithSummary("Every script with its latest version");
        api.MapPost("", CreateAsync).WithName("CreateAgentScript").WithSummary("Save a new script (version 1); JSON or YAML body")
            .Accepts<object>("application/json", "application/yaml", "text/yaml").ProducesBodyProblems().ProducesConflict();
        api.MapGet("{id}", GetLatestAsync).WithName("GetAgentScript").WithSummary("The latest version of a script")
            .ProducesInvalid().ProducesNotFound();
        api.MapPut("{id}", UpdateAsync).WithName("UpdateAgentScript").WithSummary("Save the next version of a script")
            .Accepts<object>("application/json", "application/yaml", "text/yaml").ProducesBodyProblems().ProducesNotFound();
        api.MapGet("{id}/versions", ListVersionsAsync).WithName("ListAgentScriptVersions").WithSummary("Every version of a script, oldest first")
            .ProducesInvalid().ProducesNotFound();
        api.MapGet("{id}/versions/{version:int}", GetVersionAsync).WithName("GetAgentScriptVersion").WithSummary("One version of a script")
            .ProducesInvalid().ProducesNotFound();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<AgentScriptSummary>>> ListAsync(AgentScriptStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    /// <param name="id">Optional id of your choosing (letters, digits, '-', '_'); generated when absent.</param>
    public static async Task<Created<AgentScriptResponse>> CreateAsync(HttpRequest request, AgentScriptStore store, [TextLimit(TextLimits.Id)] string? id, CancellationToken ct)
    {
        Problem.Require(id is null || IdPattern().IsMatch(id), "id", "An id is 1 to 64 letters, digits, '-' or '_'.");
        var (script, source, format, warnings) = await ReadScriptAsync(request, ct);
        id ??= Guid.NewGuid().ToString("N")[..12];
        StoredAgentScript saved;
        try
        {
            saved = await store.CreateAsync(id, script, source, format, ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidTransitionException(ex.Message + " Use PUT to save a new version.");
        }
        return TypedResults.Created($"/api/agent-scripts/{id}", AgentScriptResponse.From(saved, warnings));
    }

    public static async Task<Ok<AgentScriptResponse>> UpdateAsync(string id, HttpRequest request, AgentScriptStore store, CancellationToken ct)
    {
        var (script, source, format, warnings) = await ReadScriptAsync(request, ct);
        var saved = await store.AddVersionAsync(id, script, source, format, ct) ?? throw new EntityNotFoundException("Agent script", id);
        return TypedResults.Ok(AgentScriptResponse.From(saved, warnings));
    }

    public static async Task<Ok<AgentScriptResponse>> GetLatestAsync(string id, AgentScriptStore store, CancellationToken ct) =>
        TypedResults.Ok(Respond(await store.GetAsync(id, null, ct) ?? throw new EntityNotFoundException("Agent script", id)));

    public static async Task<Ok<AgentScriptResponse>> GetVersionAsync(string id, int version, AgentScriptStore store, CancellationToken ct) =>
        TypedResults.Ok(Respond(await store.GetAsync(id, version, ct) ?? throw new EntityNotFoundException("Agent script version", $"{id} v{version}")));

    public static async Task<Ok<IReadOnlyList<AgentScriptResponse>>> ListVersionsAsync(string id, AgentScriptStore store, CancellationToken ct)
    {
        var versions = await store.ListVersionsAsync(id, ct);
        if (versions.Count == 0) throw new EntityNotFoundException("Agent script", id);
        return TypedResults.Ok<IReadOnlyList<AgentScriptResponse>>(versions.Select(Respond).ToList());
    }

    private static AgentScriptResponse Respond(StoredAgentScript stored) =>
        AgentScriptResponse.From(stored, Warnings(AgentScriptValidator.Validate(AgentScriptParser.Parse(stored.Definition, ScriptFormat.Json))));

    /// <summary>Reads, parses and validates the body; every validation error comes back at once, keyed by its path.</summary>
    private static async Task<(AgentScript Script, string Source, ScriptFormat Format, IReadOnlyList<string> Warnings)> ReadScriptAsync(HttpRequest request, CancellationToken ct)
    {
        var format = FormatOf(request.ContentType);
        if (request.ContentLength is > MaxScriptBytes) throw new BadHttpRequestException($"A script is at most {MaxScriptBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxScriptBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > MaxScriptBytes) throw new BadHttpRequestException($"A script is at most {MaxScriptBytes} characters.", StatusCodes.Status413PayloadTooLarge);
        var source = new string(buffer, 0, read);
        // The source is stored as sent, and PostgreSQL text holds no NUL; scripts are multi-line text.
        if (TextRules.Check(source, MaxScriptBytes, multiline: true) is { } problem) throw new ValidationFailedException("body", problem);
        AgentScript script;
        try
        {
            script = AgentScriptParser.Parse(source, format);
        }
        catch (AgentScriptFormatException ex)
        {
            throw new ValidationFailedException("body", ex.Message);
        }
        // An escape in the source (YAML "\0", JSON "\u0000") puts a control character into a prompt the speech engine would read out.
        using (var definition = System.Text.Json.JsonDocument.Parse(AgentScriptParser.ToJson(script)))
        {
            var text = JsonBodyRules.CheckJson(definition.RootElement, "script", new TextLimitAttribute(MaxScriptBytes) { Multiline = true });
            if (text.Count > 0) throw new ValidationFailedException(text);
        }
        var issues = AgentScriptValidator.Validate(script);
        var errors = issues.Where(i => i.Severity == IssueSeverity.Error)
            .GroupBy(i => string.IsNullOrEmpty(i.Path) ? "script" : i.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return (script, source, format, Warnings(issues));
    }

    private static IReadOnlyList<string> Warnings(IEnumerable<ScriptIssue> issues) =>
        issues.Where(i => i.Severity == IssueSeverity.Warning).Select(i => $"{i.Path}: {i.Message}").ToList();

    private static ScriptFormat FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
            throw new BadHttpRequestException("Send the script as application/json or application/yaml.", StatusCodes.Status415UnsupportedMediaType);
        type = type.ToLowerInvariant();
        if (type is "application/json" || type.EndsWith("+json", StringComparison.Ordinal)) return ScriptFormat.Json;
        if (type is "application/yaml" or "text/yaml" or "application/x-yaml" or "text/x-yaml") return ScriptFormat.Yaml;
        throw new BadHttpRequestException($"'{type}' is not a script format: use application/json or application/yaml.", StatusCodes.Status415UnsupportedMediaType);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
