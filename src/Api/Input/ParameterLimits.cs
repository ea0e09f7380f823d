using System.Reflection;
using System.Runtime.CompilerServices;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.Input;

/// <summary>
/// The text parameters of an endpoint's handler, read once from its signature: a path segment is an
/// id (at most <see cref="TextLimits.Id"/>), a query value a filter (at most <see cref="TextLimits.Filter"/>),
/// unless the parameter carries a <see cref="TextLimitAttribute"/>. The request guard enforces these
/// and the OpenAPI document states them, from this one place.
/// </summary>
public static class ParameterLimits
{
    private static readonly ConditionalWeakTable<Endpoint, IReadOnlyDictionary<string, ParameterLimit>> Cache = new();

    /// <summary>The limits of the endpoint's text parameters by name (case-insensitive, as binding is); empty for endpoints without a handler method.</summary>
    public static IReadOnlyDictionary<string, ParameterLimit> Of(Endpoint endpoint) => Cache.GetValue(endpoint, Read);

    private static IReadOnlyDictionary<string, ParameterLimit> Read(Endpoint endpoint)
    {
        var limits = new Dictionary<string, ParameterLimit>(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method) return limits;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        foreach (var parameter in method.GetParameters())
        {
            if ((Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) != typeof(string)) continue;
            if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null || parameter.GetCustomAttribute<FromServicesAttribute>() is not null
                || parameter.GetCustomAttribute<FromHeaderAttribute>() is not null || parameter.GetCustomAttribute<FromFormAttribute>() is not null) continue;
            var name = parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name;
            if (name is null) continue;
            limits[name] = For(parameter, name, inPath: pattern?.GetParameter(name) is not null);
        }
        return limits;
    }

    /// <summary>The limit of one text parameter: its own <see cref="TextLimitAttribute"/>, else the default of where it comes from.</summary>
    public static ParameterLimit For(ParameterInfo parameter, string name, bool inPath)
    {
        var declared = parameter.GetCustomAttribute<TextLimitAttribute>();
        return new ParameterLimit(name, inPath, declared?.MaxLength ?? (inPath ? TextLimits.Id : TextLimits.Filter), declared?.Multiline ?? false);
    }
}
