using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Tests.Leads;

public sealed class PostalTimeZonesTests
{
    // Mid-December: Sydney and Adelaide on summer time, the US on standard time.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static string? Zone(string phone, string listRegion = "US", string? state = null, string? country = null, string? postalCode = null, string? explicitZone = null)
    {
        var e164 = PhoneNumberNormalizer.TryNormalize(phone, listRegion, out var region, out var zones, out var error);
        Assert.True(e164 is not null, error);
        return LeadTimeZone.Resolve(explicitZone, state, postalCode, country, region, zones, listRegion, Now);
    }

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
    // WA of a North American lead is Washington, not Western Australia.
    [InlineData("(206) 555-0100", "WA", null, "America/Los_Angeles")]
    public void NorthAmericanNumberWithAState_TakesTheStatesZone(string phone, string state, string? country, string expected)
    {
        Assert.Equal(expected, Zone(phone, state: state, country: country));
    }

    [Theory]
    [InlineData("(212) 734-0199", "Bavaria", null)]       // not a state we know
    [InlineData("(212) 734-0199", "CA", "Germany")]       // an address abroad says nothing of a +1 number's zone
    [InlineData("(212) 734-0199", " ", null)]
    public void OtherwiseTheNumbersZoneStands(string phone, string state, string? country)
    {
        Assert.Equal("America/New_York", Zone(phone, state: state, country: country));
    }

    [Fact]
    public void ANumberAbroad_KeepsItsOwnZone_WhateverTheStateField()
    {
        Assert.Equal("Europe/Berlin", Zone("+49 30 901820", state: "CA"));
    }

    [Fact]
    public void NumberWithoutAZone_TakesTheStatesMainZone()
    {
        Assert.Equal("America/Anchorage", LeadTimeZone.Resolve(null, "Alaska", null, null, "US", [], "US", Now));
    }

    [Theory]
    // +61 8 is Western Australia, South Australia and the Northern Territory: the state decides.
    [InlineData("WA", null, null, "Australia/Perth")]
    [InlineData("Western Australia", "Australia", null, "Australia/Perth")]
    [InlineData("wa", "AU", "6000", "Australia/Perth")]
    [InlineData(null, null, "6009", "Australia/Perth")]        // the postcode names the state
    [InlineData("SA", null, null, "Australia/Adelaide")]
    [InlineData("NT", null, null, "Australia/Darwin")]          // not the Northwest Territories
    public void PerthNumber_TakesItsStatesZone(string? state, string? country, string? postalCode, string expected)
    {
        Assert.Equal(expected, Zone("+61 8 9374 4999", "AU", state, country, postalCode));
    }

    [Fact]
    public void PerthNumberWithoutAnAddress_KeepsOneOfItsOwnZones_NeverUtc()
    {
        // The area (08) is shared by Perth and Adelaide, 2.5 h apart, and Australia has several clocks: only an address
        // decides (above); without one the number's first zone stands until the claim weighs every candidate.
        Assert.StartsWith("Australia/", Zone("+61 8 9374 4999", "AU"), StringComparison.Ordinal);
    }

    [Fact]
    public void AustralianMobile_TakesTheStatesZone_ElseOneOfItsOwn()
    {
        Assert.Equal("Australia/Brisbane", Zone("0412 345 678", "AU", "QLD"));
        Assert.StartsWith("Australia/", Zone("0412 345 678", "AU"), StringComparison.Ordinal);
    }

    [Fact]
    public void AreaCodeOnTwoClocks_TakesTheStatesZone_ElseOneOfItsOwn()
    {
        // 605 is all of South Dakota, Central in the east (most people), Mountain in the west.
        Assert.StartsWith("America/", Zone("(605) 555-0100"), StringComparison.Ordinal);
        Assert.Equal("America/Chicago", Zone("(605) 555-0100", state: "SD"));
        Assert.Equal("America/Chicago", Zone("(605) 555-0100", state: "South Dakota", country: "US"));
        // 208 is all of Idaho: Mountain in the south, Pacific in the panhandle.
        Assert.StartsWith("America/", Zone("(208) 555-0100"), StringComparison.Ordinal);
        Assert.Equal("America/Boise", Zone("(208) 555-0100", state: "ID"));
    }

    [Fact]
    public void CanadianPostalCode_NamesTheProvince()
    {
        Assert.Equal("America/Edmonton", Zone("(416) 555-0100", postalCode: "T5J 0N3"));
    }

    [Theory]
    [InlineData("Australia/Perth", "Australia/Perth")]
    [InlineData(" Australia/Perth ", "Australia/Perth")]
    public void AnExplicitZone_WinsOverTheAddressAndTheNumber(string given, string expected)
    {
        Assert.True(LeadTimeZone.TryParseExplicit(given, out var zone));
        Assert.Equal(expected, Zone("+61 2 9374 4999", "AU", "NSW", explicitZone: zone));
    }

    [Fact]
    public void AnUnknownExplicitZone_IsRefused()
    {
        Assert.False(LeadTimeZone.TryParseExplicit("Mars/Olympus_Mons", out _));
        Assert.True(LeadTimeZone.TryParseExplicit(" ", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void ARegionOnOneClock_GivesItsZone_ToANumberWithoutOne()
    {
        // A UK mobile has no area; Britain and the Crown dependencies keep one clock.
        var zone = Zone("07400 123456", "GB");
        Assert.NotNull(zone);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        Assert.Equal(london.GetUtcOffset(Now), TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(Now));
    }
}
