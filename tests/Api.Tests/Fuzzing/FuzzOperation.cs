using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>One operation of the served OpenAPI document.</summary>
/// <param name="Bodies">The request body's schema per media type (empty when the operation takes no body).</param>
public sealed record FuzzOperation(string Method, string Path, string OperationId, IReadOnlyList<FuzzParameter> Parameters, IReadOnlyDictionary<string, JsonObject> Bodies)
{
    public IEnumerable<FuzzParameter> InPath => Parameters.Where(p => p.In == "path");

    public IEnumerable<FuzzParameter> InQuery => Parameters.Where(p => p.In == "query");

    public override string ToString() => $"{Method} {Path}";
}
