using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// The entities the fuzzer may change or delete: its own list (with one lead), agent and campaign.
/// Paths of other resources get ids that do not exist, so the shared server's other data is never touched.
/// </summary>
public sealed class FuzzTargets
{
    /// <summary>A number no other test uses (555-01xx is reserved for fiction), so a DNC entry the fuzzer adds marks only its own lead.</summary>
    public const string Phone = "+16055550147";

    public const long MissingNumber = 987_654_321;
    public const string MissingText = "fuzz-missing";

    private FuzzTargets(long listId, long leadId, string agentId, string campaignId)
    {
        ListId = listId;
        LeadId = leadId;
        AgentId = agentId;
        CampaignId = campaignId;
    }

    public long ListId { get; }
    public long LeadId { get; }
    public string AgentId { get; }
    public string CampaignId { get; }

    public static async Task<FuzzTargets> CreateAsync(HttpClient http)
    {
        var list = await CreateAsync(http, "/api/lists", new { name = "Fuzz list" });
        var listId = list["id"]!.GetValue<long>();
        var lead = await CreateAsync(http, "/api/leads", new { listId, phone = Phone, firstName = "Fuzz" });
        var agent = await CreateAsync(http, "/api/agents", new { name = "Fuzz agent", id = "fuzz-" + Guid.NewGuid().ToString("N")[..8] });
        var campaign = await CreateAsync(http, "/api/campaigns", new { name = "Fuzz campaign", dialerType = "Preview" });
        return new FuzzTargets(listId, lead["id"]!.GetValue<long>(), agent["id"]!.GetValue<string>(), campaign["id"]!.GetValue<string>());
    }

    /// <summary>Leaves nothing running that could outlive the test: the campaign stopped, the agent logged out (both may already be gone).</summary>
    public async Task StopAsync(HttpClient http)
    {
        using var _ = await http.PostAsync($"/api/campaigns/{CampaignId}/stop", null);
        using var __ = await http.PostAsync($"/api/agents/{AgentId}/logout", null);
    }

    /// <summary>The value a path parameter takes when it is not the one being fuzzed (already escaped).</summary>
    public string PathValue(FuzzOperation operation, FuzzParameter parameter)
    {
        var own = (operation.Path, parameter.Name) switch
        {
            (var p, "id") when p.StartsWith("/api/agents/{id}", StringComparison.Ordinal) => AgentId,
            (var p, "id") when p.StartsWith("/api/campaigns/{id}", StringComparison.Ordinal) => CampaignId,
            (var p, "listId") when p.StartsWith("/api/campaigns/{id}", StringComparison.Ordinal) => Number(ListId),
            (var p, "id") when p.StartsWith("/api/lists/{id}", StringComparison.Ordinal) => Number(ListId),
            (var p, "id") when p.StartsWith("/api/leads/{id}", StringComparison.Ordinal) => Number(LeadId),
            _ => null,
        };
        if (own is not null) return Uri.EscapeDataString(own);
        return ApiDescription.MainType(parameter.Schema) is "integer" or "number" ? Number(MissingNumber) : MissingText;
    }

    /// <summary>
    /// Values for body properties whose name says what they refer to, so a request gets past the
    /// first check and reaches the field being fuzzed; null for any other property.
    /// </summary>
    public JsonNode? Known(string property) => property switch
    {
        "listId" => ListId,
        "campaignId" => CampaignId,
        "agentId" => AgentId,
        "agentIds" => new JsonArray(AgentId),
        "phone" => Phone,
        "name" => "Fuzz",
        "dialerType" => "Preview",
        _ => null,
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonNode> CreateAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
