using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Calls;

/// <summary>
/// A place in the newest-first order of calls (creation time, then id), encoded as base64url so clients treat it
/// as opaque. Times are cut to whole microseconds, PostgreSQL's precision: a call read live from its grain and,
/// once ended, from its record then sorts at the same place, so a page boundary neither repeats nor skips it.
/// </summary>
public sealed record CallCursor(DateTimeOffset CreatedAt, string Id)
{
    /// <summary>The place of <paramref name="call"/>; the next page starts after it.</summary>
    public static CallCursor After(CallSnapshot call) => new(Microseconds(call.CreatedAt), call.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}\n{Id}"));

    /// <exception cref="ValidationFailedException"><paramref name="text"/> is not a cursor this API gave out.</exception>
    public static CallCursor Decode(string text, string field)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 2);
            if (parts.Length == 2 && parts[1].Length > 0
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return new CallCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException(field, "Pass the 'next' value of the previous page.");
    }

    /// <summary>Whether <paramref name="call"/> comes after this place, i.e. belongs on the following pages.</summary>
    public bool Precedes(CallSnapshot call) => NewestFirst(this, After(call)) < 0;

    /// <summary>Newest first; among calls of the same microsecond, the greater id first (as PostgreSQL's C collation orders them).</summary>
    public static int NewestFirst(CallSnapshot a, CallSnapshot b) => NewestFirst(After(a), After(b));

    private static int NewestFirst(CallCursor a, CallCursor b)
    {
        var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.Id, a.Id);
    }

    private static DateTimeOffset Microseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
