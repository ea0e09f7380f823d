using ContactCenter.Api.Common;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;

namespace ContactCenter.Api.Tests.Common;

public sealed class GrainFanOutTests
{
    private readonly GrainFanOut fanOut = new(NullLogger<GrainFanOut>.Instance);

    private static OrleansException Unreadable(string id) =>
        new($"Error from storage provider AdoNetGrainStorage.Default during ReadStateAsync for grain campaign/{id}", new IllegalTypeException("<>z__ReadOnlyArray`1"));

    [Fact]
    public async Task OneUnreadableEntry_IsLeftOutAndReported_TheRestKeepTheirOrder()
    {
        var result = await fanOut.ReadAllAsync("Campaign", ["a", "bad", "gone", "b"], id => id switch
        {
            "bad" => Task.FromException<string>(Unreadable(id)),
            "gone" => Task.FromException<string>(new EntityNotFoundException("Campaign", id)),
            _ => Task.FromResult(id.ToUpperInvariant()),
        });

        Assert.Equal(["A", "B"], result.Items);
        var entry = Assert.Single(result.Unreadable); // a deleted entity is not an error
        Assert.Equal("bad", entry.Id);
        Assert.Equal("The stored state could not be read (IllegalTypeException).", entry.Detail);
    }

    [Fact]
    public async Task EveryEntryUnavailable_ThrowsSoTheOutageAnswers503()
    {
        await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            fanOut.ReadAllAsync<string>("Agent", ["a", "b"], _ => Task.FromException<string>(new SiloUnavailableException())));
    }

    [Fact]
    public async Task EveryEntryUnreadable_IsAnEmptyListWithTheIds()
    {
        var result = await fanOut.ReadAllAsync<string>("Campaign", ["x", "y"], id => Task.FromException<string>(Unreadable(id)));

        Assert.Empty(result.Items);
        Assert.Equal(["x", "y"], result.Unreadable.Select(u => u.Id));
    }

    [Fact]
    public void ReportUnreadable_ListsTheIdsInAHeader_CappedWithTheCount()
    {
        var response = new DefaultHttpContext().Response;
        GrainFanOut.ReportUnreadable(response, [.. Enumerable.Range(0, 60).Select(i => new UnreadableEntry($"c{i}", "d"))]);

        var ids = response.Headers[GrainFanOut.HeaderName].ToString().Split(',');
        Assert.Equal(GrainFanOut.MaxIdsInHeader, ids.Length);
        Assert.Equal("c0", ids[0]);
        Assert.Equal("60", response.Headers[GrainFanOut.CountHeaderName].ToString());

        var clean = new DefaultHttpContext().Response;
        GrainFanOut.ReportUnreadable(clean, []);
        Assert.False(clean.Headers.ContainsKey(GrainFanOut.HeaderName));
    }
}
