namespace ContactCenter.Api.Access;

/// <summary>One line of the access table: an HTTP method (or "*") and a route template, and who may call it.</summary>
public sealed record AccessRule(string Method, string Route, Access Access);
