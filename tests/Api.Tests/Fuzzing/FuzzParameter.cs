using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>A path or query parameter of an operation, with its schema resolved.</summary>
public sealed record FuzzParameter(string Name, string In, JsonObject Schema, bool Required);
