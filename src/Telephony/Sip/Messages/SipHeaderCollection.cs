using System.Collections;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// Header fields in order. Names compare case-insensitively and are stored in canonical form, so
/// "v", "VIA" and "Via" are one header (RFC 3261 §7.3.1, §7.3.3).
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    private readonly List<SipHeader> items = [];

    public int Count => items.Count;

    /// <summary>Adds a field at the end (after any fields of the same name).</summary>
    public void Add(string name, string value) => items.Add(new SipHeader(SipHeaderNames.Normalize(name), value));

    /// <summary>
    /// Adds a field before all others of the same name (a new top Via or Record-Route), or at the
    /// very top when there is none, where proxies and humans look for Via first.
    /// </summary>
    public void AddFirst(string name, string value)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var index = items.FindIndex(h => Matches(h, canonical));
        items.Insert(index < 0 ? 0 : index, new SipHeader(canonical, value));
    }

    /// <summary>Replaces every field of this name with one value, keeping the position of the first.</summary>
    public void Set(string name, string value)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var index = items.FindIndex(h => Matches(h, canonical));
        items.RemoveAll(h => Matches(h, canonical));
        items.Insert(index < 0 ? items.Count : index, new SipHeader(canonical, value));
    }

    public int Remove(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        return items.RemoveAll(h => Matches(h, canonical));
    }

    /// <summary>Removes the first field of this name (the top Via when a proxy or UAC strips it).</summary>
    public bool RemoveFirst(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var index = items.FindIndex(h => Matches(h, canonical));
        if (index < 0) return false;
        items.RemoveAt(index);
        return true;
    }

    public bool Contains(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        return items.Exists(h => Matches(h, canonical));
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? Get(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        foreach (var h in items)
        {
            if (Matches(h, canonical)) return h.Value;
        }
        return null;
    }

    /// <summary>Every value of a header, in order.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var values = new List<string>();
        foreach (var h in items)
        {
            if (Matches(h, canonical)) values.Add(h.Value);
        }
        return values;
    }

    /// <summary>Copies every field of this name from another message (responses copy Via, From, To, ...).</summary>
    public void CopyFrom(SipHeaderCollection other, string name)
    {
        foreach (var value in other.GetAll(name)) Add(name, value);
    }

    public IEnumerator<SipHeader> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool Matches(SipHeader header, string canonical) =>
        string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase);
}
