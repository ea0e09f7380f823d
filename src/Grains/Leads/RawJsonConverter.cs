using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// Writes a string that already holds JSON (a JSONB column) as JSON, not as a quoted string,
/// and reads any JSON value back into its text.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(string.IsNullOrWhiteSpace(value) ? "{}" : value, skipInputValidation: false);
}
