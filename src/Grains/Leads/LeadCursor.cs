using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// The keyset position of a page boundary: the sort it belongs to, the last row's sort value
/// and id. Encoded as base64url so clients treat it as opaque.
/// </summary>
public sealed record LeadCursor(LeadOrder Order, string Value, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Order}\n{Id.ToString(CultureInfo.InvariantCulture)}\n{Value}"));

    public static LeadCursor After(LeadOrder order, Lead last) => new(order, order.ValueOf(last), last.Id);

    /// <summary>Reads a cursor made for <paramref name="order"/>; a plain number is read as an id (the older id-only cursor).</summary>
    public static LeadCursor Decode(string text, LeadOrder order)
    {
        if (order.Key == LeadSortKey.Id && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plainId)) return new LeadCursor(order, "", plainId);
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == order.ToString() && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                _ = order.ParseValue(parts[2]);
                return new LeadCursor(order, parts[2], id);
            }
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException("after", $"Pass the 'next' value of the previous page, with the same sort ('{order}').");
    }
}
