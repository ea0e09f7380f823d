namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>sipp tests run one at a time: the machine has two cores and sipp is timing-sensitive.</summary>
[CollectionDefinition(Name)]
public sealed class SippCollection
{
    public const string Name = "sipp";
}
