using System.Reflection;
using ContactCenter.Telephony.Sip;

namespace ContactCenter.Telephony.Tests.Sip.Architecture;

/// <summary>
/// The stack is layered messages → transport → transactions → dialogs → user agents; a layer may
/// use the ones below it and never one above. Checked on every member signature, field and base type.
/// </summary>
public sealed class SipLayeringTests
{
    private static readonly string[] Layers =
    [
        "ContactCenter.Telephony.Sip.Messages",
        "ContactCenter.Telephony.Sip.Transport",
        "ContactCenter.Telephony.Sip.Transactions",
        "ContactCenter.Telephony.Sip.Dialogs",
        "ContactCenter.Telephony.Sip.UserAgents",
    ];

    [Fact]
    public void NoLayerReferencesALayerAboveIt()
    {
        var assembly = typeof(SipStack).Assembly;
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var own = LayerOf(type);
            if (own < 0) continue;
            foreach (var used in ReferencedTypes(type))
            {
                var other = LayerOf(used);
                if (other > own) violations.Add($"{type.FullName} uses {used.FullName}");
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void SdpKnowsNothingAboutSip()
    {
        var assembly = typeof(SipStack).Assembly;
        var violations = assembly.GetTypes()
            .Where(t => t.Namespace == "ContactCenter.Telephony.Sdp")
            .SelectMany(t => ReferencedTypes(t).Where(u => u.Namespace?.StartsWith("ContactCenter.Telephony.Sip", StringComparison.Ordinal) == true).Select(u => $"{t.FullName} uses {u.FullName}"))
            .ToList();
        Assert.Empty(violations);
    }

    private static int LayerOf(Type type) => Array.IndexOf(Layers, type.Namespace);

    private static IEnumerable<Type> ReferencedTypes(Type type) => DirectlyReferencedTypes(type).SelectMany(Expand);

    // Task<SipCall>, Action<SipTransaction>[] and the like hide the interesting type inside.
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!)) yield return t;
        }
        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand)) yield return t;
        }
    }

    private static IEnumerable<Type> DirectlyReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(all)) yield return f.FieldType;
        foreach (var p in type.GetProperties(all)) yield return p.PropertyType;
        foreach (var m in type.GetMethods(all))
        {
            yield return m.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
        }
        foreach (var c in type.GetConstructors(all))
        {
            foreach (var p in c.GetParameters()) yield return p.ParameterType;
        }
    }
}
