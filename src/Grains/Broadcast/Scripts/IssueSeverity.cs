namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>How bad a <see cref="ScriptIssue"/> is.</summary>
public enum IssueSeverity
{
    /// <summary>The script runs, but probably not as its author meant.</summary>
    Warning,
    /// <summary>The script cannot run.</summary>
    Error,
}
