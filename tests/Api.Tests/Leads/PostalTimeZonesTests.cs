using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Tests.Leads;

public sealed class PostalTimeZonesTests
{
    [Fact]
    public void EveryZoneInTheTable_IsKnownToTheSystem()
    {
        foreach (var zone in PostalTimeZones.AllZones)
            Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), zone);
    }

    [Theory]
    // A New York mobile of someone living in California: the address says where they are.
    [InlineData("(212) 734-0199", "CA", null, "America/Los_Angeles")]
    [InlineData("(212) 734-0199", "California", "USA", "America/Los_Angeles")]
    // Texas spans two zones: an El Paso number stays Mountain, a Dallas one Central.
    [InlineData("(915) 555-0100", "TX", "US", "America/Denver")]
    [InlineData("(214) 555-0100", "Texas", null, "America/Chicago")]
    // A state in another zone than the split state's number: the state's main zone.
    [InlineData("(212) 734-0199", "tx", null, "America/Chicago")]
    [InlineData("(416) 555-0100", "Ontario", "Canada", "America/Toronto")]
    [InlineData("(604) 555-0100", "B.C.", null, "America/Vancouver")]
    public void NorthAmericanNumberWithAState_TakesTheStatesZone(string phone, string state, string? country, string expected)
    {
        var e164 = PhoneNumberNormalizer.TryNormalize(phone, "US", out var numberZone, out _)!;

        Assert.Equal(expected, PostalTimeZones.Refine(numberZone, e164, state, country));
    }

    [Theory]
    [InlineData("(212) 734-0199", "Bavaria", null)]       // not a state we know
    [InlineData("(212) 734-0199", "CA", "Germany")]       // an address abroad says nothing of a +1 number's zone
    [InlineData("(212) 734-0199", " ", null)]
    [InlineData("+49 30 901820", "CA", null)]             // not a North American number
    public void OtherwiseTheNumbersZoneStands(string phone, string state, string? country)
    {
        var e164 = PhoneNumberNormalizer.TryNormalize(phone, "US", out var numberZone, out _)!;

        Assert.Equal(numberZone, PostalTimeZones.Refine(numberZone, e164, state, country));
    }

    [Fact]
    public void NumberWithoutAZone_TakesTheStatesMainZone()
    {
        Assert.Equal("America/Anchorage", PostalTimeZones.Refine(null, "+19075550100", "Alaska", null));
    }
}
