using System.Text.Json;

namespace ContactCenter.Api.Input;

/// <summary>
/// Fields of one JSON object that break the text or number rules, found while the body is read.
/// A <see cref="JsonException"/>, so the serializer stamps it with the object's path and the
/// minimal API turns it into a bad request; the problem details name each field by its full path.
/// </summary>
public sealed class JsonFieldsException(IReadOnlyDictionary<string, string[]> errors)
    : JsonException("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    /// <summary>Messages per field, keyed relative to the object (<c>name</c>, <c>tags[2]</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
