namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Serialisation formats of an agent script.</summary>
public enum ScriptFormat
{
    /// <summary>JSON when the text starts with <c>{</c>, otherwise YAML.</summary>
    Auto,
    Json,
    Yaml,
}
