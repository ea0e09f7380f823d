namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

/// <summary>What the counter grain holds in each of its two storages.</summary>
[GenerateSerializer, Immutable, Alias("silo-tests.counter-snapshot")]
public sealed record CounterSnapshot(
    [property: Id(0)] int NamedTotal,
    [property: Id(1)] IReadOnlyList<string> NamedNotes,
    [property: Id(2)] int DefaultTotal,
    [property: Id(3)] bool NamedRecordExists);
