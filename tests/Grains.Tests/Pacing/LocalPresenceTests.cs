using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>
/// Local presence: numbers ordered by area code, then region, least used first (plain rules), and caps and
/// rests enforced in PostgreSQL for every campaign and silo at once (two data sources stand for two silos).
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class LocalPresenceTests(GrainsCluster fixture)
{
    private static readonly Dictionary<string, int> NoneUsed = [];

    private static string Unique(string prefix) => prefix + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Candidates_AreaCodeFirst_ThenRegion_LeastUsedFirst_OthersNever()
    {
        var pool = new CallerIdPool
        {
            Numbers =
            [
                new("+12125550101", "NY"), new("+13155550101", "NY"), new("+12125550102", "NY"), new("+14155550101", "CA"), new("+16175550101", "MA"),
            ],
        };
        var used = new Dictionary<string, int> { ["+12125550101"] = 9, ["+12125550102"] = 2 };

        var forManhattan = LocalPresence.Candidates(pool, "+12127340188", "NY", used);
        Assert.Equal(["+12125550102", "+12125550101", "+13155550101"], forManhattan.Select(c => c.Number.Number));
        Assert.Equal(["area code +1212", "area code +1212", "region NY"], forManhattan.Select(c => c.Reason));

        // Region is matched without regard to case or spaces; an area code of no pool number falls to the region.
        var forBuffalo = LocalPresence.Candidates(pool, "+17165550199", " ny ", NoneUsed);
        Assert.Equal(["+12125550101", "+13155550101", "+12125550102"], forBuffalo.Select(c => c.Number.Number));
        Assert.All(forBuffalo, c => Assert.Equal("region ny", c.Reason));

        Assert.Empty(LocalPresence.Candidates(pool, "+13035550100", "CO", NoneUsed));
        Assert.Empty(LocalPresence.Candidates(pool, "+13035550100", null, NoneUsed));
    }

    [Fact]
    public void AreaCode_NanpThreeDigits_ElsewhereFiveCharacters()
    {
        Assert.Equal("+1212", LocalPresence.AreaCode("+12127340188"));
        Assert.Equal("+6189", LocalPresence.AreaCode("+61893744999"));
        Assert.Equal("+4420", LocalPresence.AreaCode("+442079460000"));
        Assert.Null(LocalPresence.AreaCode("12127340188"));
    }

    [Fact]
    public void Validate_NamesEachBadField()
    {
        var bad = new CallerIdPool { DailyCap = 0, RestHours = -1, Numbers = [new("212555", null), new("+12125550101", new string('x', 101), 0), new("+12125550101")] };
        var fields = bad.Validate().Select(e => e.Field).ToList();
        Assert.Contains("callerIdPool.dailyCap", fields);
        Assert.Contains("callerIdPool.restHours", fields);
        Assert.Contains("callerIdPool.numbers[0].number", fields);
        Assert.Contains("callerIdPool.numbers[1].dailyCap", fields);
        Assert.Contains("callerIdPool.numbers[1].region", fields);
        Assert.Contains("callerIdPool.numbers[2].number", fields);
        Assert.Contains("callerIdPool.numbers", new CallerIdPool().Validate().Select(e => e.Field));
    }

    [Fact]
    public async Task Cap_HoldsAcrossTwoSilosCallingAtOnce_ThenTheNumberRests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));
        await using var otherSilo = NpgsqlDataSource.Create(fixture.ConnectionString);
        var stores = new[] { new CallerIdStore(fixture.Database, clock), new CallerIdStore(otherSilo, clock) };
        var number = Unique("+1212");

        var taken = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => stores[i % 2].TryTakeAsync(number, dailyCap: 20, restHours: 36)));
        Assert.Equal(20, taken.Count(t => t is not null));
        Assert.Equal(Enumerable.Range(1, 20), taken.Where(t => t is not null).Select(t => t!.Value).Order());

        // The next UTC day the cap is new, but the rest (36 h from reaching it) still holds.
        clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(await stores[0].TryTakeAsync(number, 20, 36));
        clock.Advance(TimeSpan.FromHours(24));
        // The database's clock decides the rest: pretend the rest ended by moving it back.
        await using (var cmd = fixture.Database.CreateCommand("UPDATE caller_id_usage SET resting_until = now() - interval '1 second' WHERE number = $1"))
        {
            cmd.Parameters.Add(new() { Value = number });
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal(1, await stores[1].TryTakeAsync(number, 20, 36));
    }

    [Fact]
    public async Task NoRest_CapResetsTheNextUtcDay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.Zero));
        var store = new CallerIdStore(fixture.Database, clock);
        var number = Unique("+1415");
        Assert.Equal(1, await store.TryTakeAsync(number, 2, 0));
        Assert.Equal(2, await store.TryTakeAsync(number, 2, 0));
        Assert.Null(await store.TryTakeAsync(number, 2, 0));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await store.TryTakeAsync(number, 2, 0));
    }

    [Fact]
    public async Task Chooser_FallsBackToTheCampaignCallerId_AndSaysWhy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));
        var chooser = new CallerIdChooser(new CallerIdStore(fixture.Database, clock), clock);
        var local = Unique("+1212");
        var pool = new CallerIdPool { DailyCap = 1, RestHours = 0, Numbers = [new(local, "NY")] };
        var lead = new HopperEntry(1, "+12127340188", null, 1, "NY");

        var first = await chooser.ChooseAsync(pool, "+18005550100", lead);
        Assert.Equal(local, first.Number);
        Assert.Equal("local presence: area code +1212 (call 1 of 1 today)", first.Reason);

        var second = await chooser.ChooseAsync(pool, "+18005550100", lead);
        Assert.Equal("+18005550100", second.Number);
        Assert.Equal("the pool's numbers for the lead are at their daily cap or resting: the campaign's caller ID", second.Reason);

        var far = await chooser.ChooseAsync(pool, null, new HopperEntry(2, "+13035550100", null, 1, "CO"));
        Assert.Null(far.Number);
        Assert.Equal("no pool number for the lead's area code or region; no campaign caller ID: the carrier's default", far.Reason);
    }
}
