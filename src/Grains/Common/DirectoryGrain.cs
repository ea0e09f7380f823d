namespace ContactCenter.Grains.Common;

public sealed class DirectoryGrain(
    [PersistentState("directory", GrainStorage.Name)] IPersistentState<DirectoryState> state) : Grain, IDirectoryGrain
{
    public const string Agents = "agents";
    public const string Campaigns = "campaigns";

    public async Task UpsertAsync(DirectoryEntry entry)
    {
        if (state.State.Entries.TryGetValue(entry.Id, out var existing) && existing == entry) return;
        state.State.Entries[entry.Id] = entry;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string id)
    {
        if (state.State.Entries.Remove(id)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<DirectoryEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>(state.State.Entries.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToList());
}
