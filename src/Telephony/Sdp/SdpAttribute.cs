namespace ContactCenter.Telephony.Sdp;

/// <summary>An "a=" line: a name and, unless it is a flag such as "sendonly", a value.</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";

    public static SdpAttribute Parse(string text)
    {
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        if (name.Length == 0 || name.Any(c => c <= ' ')) throw new SdpParseException($"Invalid attribute '{text}'.");
        return new SdpAttribute(name, colon < 0 ? null : text[(colon + 1)..]);
    }
}
