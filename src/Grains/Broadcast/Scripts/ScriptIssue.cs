namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>One finding of <see cref="AgentScriptValidator"/>.</summary>
/// <param name="Path">Where in the script, e.g. <c>nodes[confirm].branches.yes</c>.</param>
/// <param name="Message">What is wrong, in words an author understands.</param>
/// <param name="Severity">Errors stop the script from running; warnings do not.</param>
public sealed record ScriptIssue(string Path, string Message, IssueSeverity Severity = IssueSeverity.Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Path}: {Message}";
}
