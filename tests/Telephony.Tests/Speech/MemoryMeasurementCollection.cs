namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>Tests that read the process's resident memory run alone: other tests' allocations would count as theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
