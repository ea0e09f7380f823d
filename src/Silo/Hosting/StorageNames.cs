namespace ContactCenter.Silo.Hosting;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>
    /// The PostgreSQL grain storage, for <c>[PersistentState("state", StorageNames.StorageName)]</c>.
    /// The same storage is also the default provider.
    /// </summary>
    public const string StorageName = ContactCenter.Grains.Common.GrainStorage.Name;
}
