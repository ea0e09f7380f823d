using System.Text;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>The catalogue of bad inputs, as raw JSON tokens, percent-encoded URL text and CSV files.</summary>
public static class HostileValues
{
    /// <summary>One megabyte of text: under the JSON body limit, so it reaches the field's own length check.</summary>
    public static readonly string Megabyte = new('x', 1_000_000);

    /// <summary>Longer than any field allows, short enough for a request line (Kestrel refuses lines over 8 KB itself).</summary>
    public static readonly string Long = new('x', 5_000);

    /// <summary>Raw JSON for a string field: control characters, a lone surrogate, blanks, long and very long text.</summary>
    public static readonly IReadOnlyList<string> JsonStrings =
    [
        "\"fuzz\\u0000nul\"", "\"\\u0000\"", "\"bell\\u0007\"", "\"esc\\u001b[31m\"", "\"del\\u007f\"", "\"nel\\u0085\"",
        "\"lone\\ud800\"", "\"\"", "\"   \"", "\"\\t\"", "\"line\\nbreak\"", Quote(Long), Quote(Megabyte),
    ];

    /// <summary>Raw JSON for a number field: out of range for a double (read as ±Infinity by a lax reader), for an int, a long; number words.</summary>
    public static readonly IReadOnlyList<string> JsonNumbers =
    [
        "1e400", "-1e400", "1e-400", "1.8e308", "99999999999999999999999", "-99999999999999999999999", "9223372036854775808",
        "2147483648", "-1", "0", "0.5", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "NaN", "Infinity",
    ];

    /// <summary>Raw JSON of the wrong type for any field.</summary>
    public static readonly IReadOnlyList<string> JsonWrongTypes = ["{}", "[]", "true", "\"text\"", "123", "null"];

    /// <summary>Raw JSON for an arbitrary JSON object field (such as custom fields), which no typed converter reads.</summary>
    public static readonly IReadOnlyList<string> JsonAnyValues =
    [
        "{\"k\":\"a\\u0000b\"}", "{\"a\\u0000b\":\"v\"}", "{\"k\":\"\\ud800\"}", "{\"k\":1e400}", "{\"k\":" + Quote(Megabyte) + "}",
        string.Concat(Enumerable.Repeat("{\"k\":", 200)) + "1" + new string('}', 200), "\"text\"", "[]", "123",
    ];

    /// <summary>Whole bodies that are not the JSON asked for.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Body)> JsonBodies =
    [
        ("unterminated object", Utf8("{")), ("unterminated member", Utf8("{\"a\":")), ("trailing comma", Utf8("{\"a\":1,}")),
        ("bare word", Utf8("nul")), ("array", Utf8("[]")), ("string", Utf8("\"text\"")), ("number", Utf8("1e400")), ("null", Utf8("null")),
        ("true", Utf8("true")), ("NUL byte", Utf8("{\"a\":\"\0\"}")), ("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
        ("deep nesting", Utf8(new string('[', 5000) + new string(']', 5000))), ("empty", []), ("blank", Utf8("   ")),
    ];

    /// <summary>Percent-encoded text for a path or query value.</summary>
    public static readonly IReadOnlyList<string> UrlValues =
    [
        "%01", "a%1Fb", "%7F", "%C2%85", "%ED%A0%80", "%FF", "", "%20", "%20%20%20", "%09", "%0A", Long,
        "1e400", "-1e400", "NaN", "Infinity", "-1", "0", "99999999999999999999", "abc", "%25", "%2F",
    ];

    /// <summary>Percent-encoded NUL: Kestrel refuses it in a path before the application sees the request.</summary>
    public static readonly IReadOnlyList<string> UrlNuls = ["%00", "a%00b"];

    /// <summary>Files for an upload's file part.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Files(string phone) =>
    [
        ("duplicate header", Utf8($"Phone,Name,Phone\n{phone},a,b\n")),
        ("duplicate header in other case", Utf8($"Phone,Name,name\n{phone},a,b\n")),
        ("blank header names", Utf8($"Phone,,\n{phone},a,b\n")),
        ("NUL in a field", Utf8($"Phone,Name\n{phone},a\0b\n")),
        ("NUL in the header", Utf8($"Phone,Na\0me\n{phone},a\n")),
        ("control characters", Utf8($"Phone,Name\n{phone},a\u0007\u001bb\n")),
        ("megabyte field", Utf8($"Phone,Name\n{phone},{Megabyte}\n")),
        ("megabyte header", Utf8($"Phone,{Megabyte}\n{phone},a\n")),
        ("unterminated quote", Utf8($"Phone,Name\n{phone},\"abc\n")),
        ("binary", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray()),
        ("UTF-16 without BOM", Encoding.Unicode.GetBytes($"Phone\n{phone}\n")),
        ("header only", Utf8("Phone,Name\n")),
        ("blank lines", Utf8("\n\n\n")),
        ("empty", []),
        ("thousand columns", Utf8("Phone," + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"c{i}")) + $"\n{phone}\n")),
        ("custom fields JSON with NUL", Utf8($"Phone,customFields\n{phone},\"{{\"\"k\"\":\"\"a\\u0000b\"\"}}\"\n")),
    ];

    public static string Quote(string text) => "\"" + text + "\"";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
