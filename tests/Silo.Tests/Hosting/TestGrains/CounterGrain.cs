using ContactCenter.Silo.Hosting;

namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

/// <summary>
/// Keeps one state in the named "contactcenter" storage and one in the default storage, so a
/// test proves both registrations.
/// </summary>
public sealed class CounterGrain(
    [PersistentState("named", StorageNames.StorageName)] IPersistentState<CounterState> named,
    [PersistentState("default")] IPersistentState<CounterState> fallback)
    : Grain, ICounterGrain
{
    public async Task AddAsync(int amount, string note)
    {
        named.State.Total += amount;
        named.State.Notes.Add(note);
        fallback.State.Total += amount;
        await named.WriteStateAsync();
        await fallback.WriteStateAsync();
    }

    public Task<CounterSnapshot> GetAsync()
        => Task.FromResult(new CounterSnapshot(named.State.Total, [.. named.State.Notes], fallback.State.Total, named.RecordExists));
}
