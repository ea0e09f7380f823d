namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

[GenerateSerializer, Alias("silo-tests.counter-state")]
public sealed class CounterState
{
    [Id(0)]
    public int Total { get; set; }

    [Id(1)]
    public List<string> Notes { get; set; } = [];
}
