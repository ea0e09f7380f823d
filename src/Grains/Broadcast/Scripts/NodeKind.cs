namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>The kinds of conversation node.</summary>
public enum NodeKind
{
    /// <summary>Speak a prompt and continue to <see cref="ScriptNode.Next"/>.</summary>
    Say,
    /// <summary>Speak a prompt, wait for an answer and follow the branch of the recognised intent.</summary>
    Ask,
    /// <summary>Speak a prompt, wait for an answer and fill a slot from it.</summary>
    Collect,
    /// <summary>Choose the next node from collected slots or the last intent, without speaking.</summary>
    Branch,
    /// <summary>Do something outside the conversation: transfer, schedule a callback, add to DNC, hang up.</summary>
    Action,
    /// <summary>Say the closing line and finish the call with an outcome.</summary>
    End,
}
