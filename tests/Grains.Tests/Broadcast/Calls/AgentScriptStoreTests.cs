using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

[Collection(GrainsCollection.Name)]
public sealed class AgentScriptStoreTests(GrainsCluster fixture)
{
    [Fact]
    public async Task AddVersion_ConcurrentSaves_EachGetsItsOwnNumber()
    {
        var store = new AgentScriptStore(fixture.Database);
        var yaml = BroadcastScripts.Renewal("team");
        var script = AgentScriptParser.Parse(yaml);
        var id = "concurrent-" + Guid.NewGuid().ToString("N")[..6];
        await store.CreateAsync(id, script, yaml, ScriptFormat.Yaml);

        var saved = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.AddVersionAsync(id, script with { Name = $"v{i}" }, yaml, ScriptFormat.Yaml)));
        Assert.Equal([2, 3, 4, 5], saved.Select(s => s!.Version).Order());
        Assert.Equal(5, await store.GetLatestVersionAsync(id));
        Assert.Null(await store.AddVersionAsync("never-created", script, yaml, ScriptFormat.Yaml));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(id, script, yaml, ScriptFormat.Yaml));
    }

    [Fact]
    public async Task Cache_ReadsTheStoredJsonBackIntoTheSameScript()
    {
        var store = new AgentScriptStore(fixture.Database);
        var yaml = BroadcastScripts.Renewal("team");
        var id = "cached-" + Guid.NewGuid().ToString("N")[..6];
        await store.CreateAsync(id, AgentScriptParser.Parse(yaml), yaml, ScriptFormat.Yaml);
        var script = await new AgentScriptCache(store).GetAsync(id, 1);
        Assert.Equal(AgentScriptParser.ToJson(AgentScriptParser.Parse(yaml)), AgentScriptParser.ToJson(script));
        Assert.Equal(TimeSpan.FromHours(10), script.FindNode("schedule")!.Action!.TimeOfDay);
        await Assert.ThrowsAsync<ContactCenter.Grains.Common.EntityNotFoundException>(() => new AgentScriptCache(store).GetAsync(id, 2));
    }
}
