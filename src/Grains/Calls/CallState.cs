namespace ContactCenter.Grains.Calls;

[GenerateSerializer, Alias("cc.CallState")]
public sealed class CallState
{
    [Id(0)] public CallSnapshot? Call { get; set; }
    [Id(1)] public CallStart? Start { get; set; }
    [Id(2)] public bool DispositionApplied { get; set; }
    /// <summary>The ended call's record, lead, agent and campaign are all told (retried until they are).</summary>
    [Id(3)] public bool Finished { get; set; }
}
