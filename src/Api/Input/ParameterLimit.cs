namespace ContactCenter.Api.Input;

/// <summary>The rule for one text parameter of an endpoint: where it comes from and how long it may be.</summary>
/// <param name="InPath">A path segment (must not be blank) rather than a query value.</param>
public sealed record ParameterLimit(string Name, bool InPath, int MaxLength, bool Multiline);
