namespace ContactCenter.Grains.Common;

/// <summary>
/// The index of one kind of entity (key "agents" or "campaigns"): grain state cannot be
/// queried, so listing them goes through this small catalogue that their grains keep current.
/// </summary>
[Alias("cc.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    Task UpsertAsync(DirectoryEntry entry);
    Task RemoveAsync(string id);
    Task<IReadOnlyList<DirectoryEntry>> ListAsync();
}
