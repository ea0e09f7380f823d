using Newtonsoft.Json.Serialization;

namespace ContactCenter.Silo.Hosting;

/// <summary>
/// Reads grain state stored before our state types declared concrete collections. Members were
/// <c>IReadOnlyList&lt;T&gt;</c> then, and the JSON grain storage wrote each value's runtime type: a
/// <c>T[]</c> (from an empty collection expression or <c>ToArray</c>) or the compiler's hidden type
/// behind a collection expression (<c>&lt;&gt;z__ReadOnlyArray`1</c>, <c>&lt;&gt;z__ReadOnlyList`1</c>, ...).
/// A fresh process refuses the hidden names (they are on no allow-list, and the types vanish once
/// nothing in the assembly needs them), and an array no longer fits the <see cref="List{T}"/> the
/// members declare now. Both are read as <see cref="List{T}"/>. Types that have since moved to
/// another namespace (<see cref="Moved"/>) are read under their new name.
/// </summary>
/// <remarks>
/// Element types still go through Orleans' own binder and its allow-list, so nothing outside it is
/// ever constructed. Mapping arrays is sound because no stored member is an array (a test of the
/// state types guards that). Writing is left entirely to the inner binder.
/// </remarks>
public sealed class LegacyCollectionBinder(ISerializationBinder inner) : ISerializationBinder
{
    private const string HiddenPrefix = "<>z__ReadOnly";

    /// <summary>Old full names of state types that moved namespace, and where they live now.</summary>
    private static readonly (string Old, string Now)[] Moved =
    [
        ("ContactCenter.Grains.Campaigns.CallingWindow", "ContactCenter.Grains.Pacing.CallingWindow"),
        ("ContactCenter.Grains.Campaigns.WeekdayWindow", "ContactCenter.Grains.Pacing.WeekdayWindow"),
        ("ContactCenter.Grains.Campaigns.RetryPolicy", "ContactCenter.Grains.Leads.RetryPolicy"),
    ];

    public Type BindToType(string? assemblyName, string typeName)
    {
        // Also inside generic arguments and array names, hence a replacement rather than a lookup.
        foreach (var (old, now) in Moved)
        {
            if (typeName.Contains(old, StringComparison.Ordinal)) typeName = typeName.Replace(old, now, StringComparison.Ordinal);
        }
        if (typeName.StartsWith(HiddenPrefix, StringComparison.Ordinal)
            && typeName.IndexOf("[[", StringComparison.Ordinal) is var open and > 0
            && typeName.LastIndexOf("]]", StringComparison.Ordinal) is var close && close > open)
        {
            return ListOf(Element(typeName[(open + 2)..close]));
        }
        if (typeName.EndsWith("[]", StringComparison.Ordinal) && !typeName.EndsWith("[][]", StringComparison.Ordinal))
        {
            return ListOf(inner.BindToType(assemblyName, typeName[..^2]));
        }
        return inner.BindToType(assemblyName, typeName);
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        inner.BindToName(serializedType, out assemblyName, out typeName);

    /// <summary>An element named "Type, Assembly"; a hidden list of lists nests one hidden name in another.</summary>
    private Type Element(string name)
    {
        name = name.Trim();
        if (name.StartsWith(HiddenPrefix, StringComparison.Ordinal))
        {
            var close = name.LastIndexOf("]]", StringComparison.Ordinal);
            return BindToType(null, close < 0 ? name : name[..(close + 2)]);
        }
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? inner.BindToType(null, name) : inner.BindToType(name[(comma + 1)..].Trim(), name[..comma].Trim());
    }

    private static Type ListOf(Type element) => typeof(List<>).MakeGenericType(element);
}
