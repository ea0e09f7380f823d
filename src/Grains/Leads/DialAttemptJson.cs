using System.Text.Json;

namespace ContactCenter.Grains.Leads;

/// <summary>How an attempt's calling window and retry rule are stored in the dial audit (camelCase JSON, as the API shows them).</summary>
internal static class DialAttemptJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
