using ContactCenter.Grains.Common;
using ContactCenter.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ContactCenter.Grains.Tests.Common;

[Collection(GrainsCollection.Name)]
public sealed class DirectoryGrainTests(GrainsCluster fixture)
{
    private async Task<long> RowsAsync(string kind, string? id = null)
    {
        await using var cmd = fixture.Database.CreateCommand("SELECT count(*) FROM directory_entries WHERE kind = $1 AND ($2::text IS NULL OR id = $2)");
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Entries_AreRowsOfTheirOwn_WrittenAndRemovedOneByOne()
    {
        var kind = "dir-" + Guid.NewGuid().ToString("N")[..8];
        var directory = fixture.Grains.GetGrain<IDirectoryGrain>(kind);
        var at = DateTimeOffset.UtcNow;
        await directory.UpsertAsync(new DirectoryEntry("a", "Alice", at));
        await directory.UpsertAsync(new DirectoryEntry("b", "Bob", at.AddSeconds(1)));
        await directory.UpsertAsync(new DirectoryEntry("a", "Alice Smith", at));
        Assert.Equal(2, await RowsAsync(kind));
        Assert.Equal(["Alice Smith", "Bob"], (await directory.ListAsync()).Select(e => e.Name));
        await directory.RemoveAsync("b");
        Assert.Equal(0, await RowsAsync(kind, "b"));
        Assert.Equal(["a"], (await directory.ListAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task AnIndexStoredByAnEarlierVersion_MovesToTheTable_OnActivation()
    {
        var kind = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow;
        var legacy = new DirectoryState();
        for (var i = 0; i < 50; i++) legacy.Entries[$"agent-{i}"] = new DirectoryEntry($"agent-{i}", $"Agent {i}", at.AddSeconds(i));
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        await storage.WriteStateAsync("directory", GrainId.Create("directory", kind), new GrainState<DirectoryState>(legacy));

        var listed = await fixture.Grains.GetGrain<IDirectoryGrain>(kind).ListAsync();

        Assert.Equal(legacy.Entries.Keys.Order(), listed.Select(e => e.Id).Order());
        Assert.Equal(50, await RowsAsync(kind));
        var left = new GrainState<DirectoryState>(new DirectoryState());
        await storage.ReadStateAsync("directory", GrainId.Create("directory", kind), left);
        Assert.Empty(left.State?.Entries ?? []);
    }
}
