namespace ContactCenter.Grains.Common;

/// <summary>The grain storage provider every grain of ours persists to (ADO.NET on PostgreSQL in the silo).</summary>
public static class GrainStorage
{
    public const string Name = "contactcenter";
}
