namespace ContactCenter.Cluster.Tests.Support;

/// <summary>A silo in Orleans' membership table; <see cref="Status"/> 3 is Active, 6 is Dead.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status, int ProxyPort)
{
    public const int Active = 3;
    public const int Dead = 6;
}
