using System.Text.RegularExpressions;

namespace ContactCenter.Telephony.Privacy;

/// <summary>
/// Masks phone numbers before they go into logs. Logs are kept longer, copied further and read by
/// more people than the lead lists; a number's last digits are enough to tell calls apart when
/// reading them. Everything logged at Information or above passes numbers, SIP URIs (whose user
/// part is usually the number: <c>sip:+12127340199@trunk</c>) and free-text reasons through here;
/// the full values are left to Debug and Trace.
/// </summary>
/// <remarks>
/// Lives in the lowest project (Telephony) so that the loggers of Grains, Silo and Api reach it too.
/// </remarks>
public static partial class PersonalData
{
    /// <summary>How many of a number's last digits stay readable.</summary>
    public const int VisibleDigits = 4;

    private const char Mask = '*';

    /// <summary>
    /// A phone number with every digit but the last <see cref="VisibleDigits"/> masked; '+' and
    /// separators stay: <c>+12127340199</c> → <c>+*******0199</c>, <c>(212) 734-0199</c> →
    /// <c>(***) ***-0199</c>. Null and empty come back as they are.
    /// </summary>
    public static string? MaskPhoneNumber(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return number;
        }

        var digits = number.Count(char.IsAsciiDigit);
        if (digits <= VisibleDigits)
        {
            return number;
        }

        var masked = number.ToCharArray();
        var toMask = digits - VisibleDigits;
        for (var i = 0; i < masked.Length && toMask > 0; i++)
        {
            if (char.IsAsciiDigit(masked[i]))
            {
                masked[i] = Mask;
                toMask--;
            }
        }

        return new string(masked);
    }

    /// <summary>
    /// Text (a SIP URI, a reason, an error message) with each phone number in it masked as by
    /// <see cref="MaskPhoneNumber"/>. A phone number here is 7 to 15 digits, with an optional '+',
    /// standing alone: digits inside a word, a hex id, an IP address or a dashed identifier are left
    /// as they are.
    /// </summary>
    public static string? MaskPhoneNumbersIn(string? text) =>
        string.IsNullOrEmpty(text) ? text : PhoneNumber().Replace(text, m => MaskPhoneNumber(m.Value)!);

    // 7 digits is the shortest subscriber number worth hiding; 15 is E.164's maximum (ITU-T E.164 §6).
    [GeneratedRegex(@"(?<![\w.\-+])\+?\d{7,15}(?![\w.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();
}
