using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Input;

/// <summary>
/// Checks every object of a JSON request body as soon as the serializer has built it: its strings
/// (also inside lists) against <see cref="TextRules"/> with the limit of their
/// <see cref="TextLimitAttribute"/> (else <see cref="TextLimits.Default"/>), its numbers for being
/// finite (a reader takes <c>1e400</c> as Infinity), and free-form JSON members (custom fields) for
/// their size and the text in them. A breach is a <see cref="JsonFieldsException"/>, so nothing of
/// a refused body reaches a handler, let alone storage.
/// </summary>
/// <remarks>
/// A callback after deserialization rather than converters: a custom converter on a property hides
/// its type from the OpenAPI schema generator, which would then describe every string as "anything".
/// </remarks>
public static class JsonBodyRules
{
    /// <summary>The type-info modifier to add to the API's JSON options.</summary>
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        var checks = typeInfo.Properties.Select(FieldCheck).OfType<Action<object, Dictionary<string, List<string>>>>().ToArray();
        if (checks.Length == 0) return;
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var check in checks) check(value, errors);
            if (errors.Count > 0) throw new JsonFieldsException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        };
    }

    /// <summary>The limit a member declares, or the default for text.</summary>
    public static TextLimitAttribute LimitOf(ICustomAttributeProvider? member) =>
        member?.GetCustomAttributes(typeof(TextLimitAttribute), inherit: true).OfType<TextLimitAttribute>().FirstOrDefault() ?? new TextLimitAttribute(TextLimits.Default);

    /// <summary>Whether a type is text or a (nested) list of text, which <see cref="TextLimitAttribute"/> then limits item by item.</summary>
    public static bool IsText(Type type) => type == typeof(string) || (type != typeof(string) && ItemType(type) is { } item && IsText(item));

    private static Action<object, Dictionary<string, List<string>>>? FieldCheck(JsonPropertyInfo property)
    {
        if (property.Get is not { } get) return null;
        var name = property.Name;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(double) || type == typeof(float))
        {
            // Written as "Infinity" or "NaN" rather than failing mid-response: such a value can only come
            // from data stored before this check, and one of them must not cut off a whole list for everyone.
            // Read the same way, it is then refused below like 1e400.
            property.NumberHandling = (property.NumberHandling ?? JsonNumberHandling.Strict) | JsonNumberHandling.AllowNamedFloatingPointLiterals;
            return (owner, errors) =>
            {
                if (get(owner) is double d && !double.IsFinite(d) || get(owner) is float f && !float.IsFinite(f))
                    Add(errors, name, "Must be a finite number (the value is out of range).");
            };
        }
        var limit = LimitOf(property.AttributeProvider);
        if (type == typeof(JsonElement))
            return (owner, errors) => { if (get(owner) is JsonElement json) CheckJson(json, name, limit, errors); };
        if (IsText(type))
            return (owner, errors) => CheckText(get(owner), name, limit, errors);
        if (type != typeof(string) && ItemType(type) is { IsValueType: false })
            return (owner, errors) => CheckItems(get(owner), name, errors);
        return null;
    }

    /// <summary>A list of objects holds objects: a <c>null</c> item would reach the handler as a hole nobody checks for.</summary>
    private static void CheckItems(object? value, string path, Dictionary<string, List<string>> errors)
    {
        if (value is not IEnumerable items) return;
        var index = 0;
        foreach (var item in items)
        {
            if (item is null) Add(errors, $"{path}[{index}]", "Must not be null.");
            index++;
        }
    }

    private static void CheckText(object? value, string path, TextLimitAttribute limit, Dictionary<string, List<string>> errors)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (TextRules.Check(text, limit.MaxLength, limit.Multiline) is { } problem) Add(errors, path, problem);
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    var at = $"{path}[{index++}]";
                    if (item is null) Add(errors, at, "Must not be null.");
                    else CheckText(item, at, limit, errors);
                }
                return;
        }
    }

    /// <summary>The text of a JSON document that breaks <see cref="TextRules"/>, by path under <paramref name="path"/> (empty when it is all fine).</summary>
    public static IReadOnlyDictionary<string, string[]> CheckJson(JsonElement json, string path, TextLimitAttribute limit)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        CheckJson(json, path, limit, errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Free-form JSON is stored as it comes (PostgreSQL jsonb), which refuses NUL and lone surrogates, so its text is checked like any other.</summary>
    private static void CheckJson(JsonElement json, string path, TextLimitAttribute limit, Dictionary<string, List<string>> errors)
    {
        var length = json.GetRawText().Length;
        if (length > limit.MaxLength)
        {
            Add(errors, path, $"At most {limit.MaxLength:N0} characters of JSON are allowed ({length:N0} given).");
            return;
        }
        Walk(json, path);

        void Walk(JsonElement element, string at)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        string name;
                        try { name = member.Name; }
                        catch (InvalidOperationException) { Add(errors, at, "A member name holds a lone UTF-16 surrogate, which is not text."); continue; }
                        if (Text(name, at, multiline: false)) Walk(member.Value, $"{at}.{name}");
                    }
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray()) Walk(item, $"{at}[{index++}]");
                    break;
                case JsonValueKind.String:
                    string? text = null;
                    try { text = element.GetString(); }
                    catch (InvalidOperationException) { Add(errors, at, "Holds a lone UTF-16 surrogate, which is not text."); }
                    if (text is not null) Text(text, at, limit.Multiline);
                    break;
            }
        }

        bool Text(string text, string at, bool multiline)
        {
            if (TextRules.Check(text, limit.MaxLength, multiline) is not { } problem) return true;
            Add(errors, at, problem);
            return false;
        }
    }

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }
}
