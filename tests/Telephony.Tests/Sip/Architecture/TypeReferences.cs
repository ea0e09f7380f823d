using System.Reflection;

namespace ContactCenter.Telephony.Tests.Sip.Architecture;

/// <summary>
/// The types a type names in its signatures: base type, interfaces, fields, properties, method and constructor
/// parameters and returns, with generic arguments and element types unwrapped. The layering tests of the SIP stack
/// and of the Grains project read dependencies through it.
/// </summary>
public static class TypeReferences
{
    public static IEnumerable<Type> Of(Type type) => Direct(type).SelectMany(Expand);

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

    private static IEnumerable<Type> Direct(Type type)
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
