using System.Text.Json.Serialization.Metadata;
using ContactCenter.Api.Input;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ContactCenter.Api.Hosting;

/// <summary>
/// What the OpenAPI document (<c>/openapi/v1.json</c>) adds to the generated description: the
/// length limits of text parameters and body fields, as enforced by <see cref="ContactCenter.Api.Input"/>,
/// and a server URL without a trailing slash. It describes the product's endpoints, those under
/// <c>/api</c> and <c>/health</c>; the Orleans dashboard's own JSON and asset routes are not part of the API.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    /// <summary>The rules every operation shares, stated once at the top of the document.</summary>
    private const string Rules =
        "Errors are RFC 9457 problem details (application/problem+json); a 400 lists each offending field or parameter under 'errors'. "
        + "Text is checked at the edge: every string has a maximum length (maxLength), NUL and other control characters are refused "
        + "(tabs and line breaks only in free text such as notes and comments), and numbers must be finite. "
        + "A request body may be at most 1 MiB (ContactCenter:Requests:MaxBodyBytes) and an upload at most 2 GiB "
        + "(ContactCenter:Requests:MaxUploadBytes); a larger one is answered 413. "
        + "An empty or blank query filter is the same as leaving it out, except campaignId of /api/dnc, where empty names the global list.";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath is { } path
            && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("health/", StringComparison.Ordinal));
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info ??= new OpenApiInfo();
            document.Info.Description ??= Rules;
            // Relative paths are appended to the server URL, so a trailing slash would double it (RFC 3986 §5.2).
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeParameterLimits(operation, context.Description);
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo is { } property)
            {
                DescribeTextLimit(schema, property);
                DescribeFiniteNumber(schema, property);
            }
            return Task.CompletedTask;
        });
    }

    private static void DescribeParameterLimits(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var parameter in description.ParameterDescriptions)
        {
            var inPath = parameter.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path;
            if (!inPath && parameter.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query) continue;
            if ((Nullable.GetUnderlyingType(parameter.Type ?? typeof(object)) ?? parameter.Type) != typeof(string)) continue;
            if (parameter.ParameterDescriptor is not IParameterInfoParameterDescriptor { ParameterInfo: var info }) continue;
            var limit = ParameterLimits.For(info, parameter.Name, inPath);
            var documented = operation.Parameters?.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (documented?.Schema is OpenApiSchema schema)
            {
                schema.MaxLength ??= limit.MaxLength;
                if (inPath) schema.MinLength ??= 1;
            }
        }
    }

    /// <summary>
    /// A double is a finite number in a request. Its property also writes a stored non-finite value as
    /// "Infinity" or "NaN" (see <see cref="JsonBodyRules"/>), which the generator would describe as a
    /// choice of number or those words; requests never get to use them.
    /// </summary>
    private static void DescribeFiniteNumber(OpenApiSchema schema, JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType);
        if ((type ?? property.PropertyType) is not { } number || (number != typeof(double) && number != typeof(float))) return;
        schema.AnyOf = null;
        schema.Type = type is null ? JsonSchemaType.Number : JsonSchemaType.Number | JsonSchemaType.Null;
    }

    /// <summary>A text field, or a list of text, with a declared limit: <c>maxLength</c> on the string (or on the items).</summary>
    private static void DescribeTextLimit(OpenApiSchema schema, JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (!JsonBodyRules.IsText(type)) return;
        if (property.AttributeProvider?.GetCustomAttributes(typeof(Grains.Common.TextLimitAttribute), inherit: true).FirstOrDefault() is not Grains.Common.TextLimitAttribute limit) return;
        var target = schema;
        while (type != typeof(string) && target.Items is OpenApiSchema items)
        {
            target = items;
            type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
        }
        target.MaxLength ??= limit.MaxLength;
    }
}
