namespace ContactCenter.Grains.Calls;

[GenerateSerializer, Alias("cc.CallState")]
public sealed class CallState
{
    [Id(0)] public CallSnapshot? Call { get; set; }
    [Id(1)] public CallStart? Start { get; set; }
    [Id(2)] public bool DispositionApplied { get; set; }
}
