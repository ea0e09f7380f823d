namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

[Alias("silo-tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to both storages and writes them.</summary>
    Task AddAsync(int amount, string note);

    Task<CounterSnapshot> GetAsync();
}
