namespace ContactCenter.Telephony.Trunk;

/// <summary>E.164 numbers only in a Request-URI or From: a leading + and 1–15 digits keeps junk out of SIP.</summary>
internal static class E164
{
    public static bool IsValid(string? number) =>
        number is { Length: > 1 and <= 16 } && number[0] == '+' && number.AsSpan(1).ContainsAnyExcept("0123456789") is false;

    public static string Require(string? number, string parameter) =>
        IsValid(number) ? number! : throw new ArgumentException($"'{number}' is not an E.164 number.", parameter);
}
