using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Tests.Broadcast.Understanding;

public sealed class SlotParserTests
{
    // A Tuesday.
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData("yes", true)]
    [InlineData("yeah sure", true)]
    [InlineData("that's correct", true)]
    [InlineData("no", false)]
    [InlineData("nope not at all", false)]
    [InlineData("I'm not sure", false)]
    [InlineData("banana", null)]
    [InlineData("yes no", null)]
    public void YesNo_ReadsAnswers(string text, bool? expected) => Assert.Equal(expected, YesNoParser.Parse(text));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("about 1,250 dollars", 1250)]
    [InlineData("forty two", 42)]
    [InlineData("one hundred and five", 105)]
    [InlineData("a hundred", 100)]
    [InlineData("two thousand three hundred", 2300)]
    [InlineData("four two one", 421)]
    [InlineData("I have three of them", 3)]
    [InlineData("twelve", 12)]
    public void Number_ReadsDigitsAndWords(string text, int expected) => Assert.Equal(expected, NumberParser.Parse(text));

    [Theory]
    [InlineData("none at all")]
    [InlineData("")]
    public void Number_NoNumber_IsNull(string text) => Assert.Null(NumberParser.Parse(text));

    [Theory]
    [InlineData("today", "2026-11-24")]
    [InlineData("tomorrow please", "2026-11-25")]
    [InlineData("the day after tomorrow", "2026-11-26")]
    [InlineData("friday", "2026-11-27")]
    [InlineData("next monday", "2026-11-30")]
    [InlineData("tuesday", "2026-12-01")]
    [InlineData("next week", "2026-12-01")]
    [InlineData("in three days", "2026-11-27")]
    [InlineData("in 2 weeks", "2026-12-08")]
    [InlineData("december 3rd", "2026-12-03")]
    [InlineData("the third of december", "2026-12-03")]
    [InlineData("december twenty first", "2026-12-21")]
    [InlineData("on the 28th", "2026-11-28")]
    [InlineData("the fifth", "2026-12-05")]
    [InlineData("january 2", "2027-01-02")]
    [InlineData("march 1st", "2027-03-01")]
    [InlineData("12/03", "2026-12-03")]
    [InlineData("2027-02-14", "2027-02-14")]
    public void Date_ReadsRelativeAndCalendarDays(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateParser.Parse(text, Today));

    [Theory]
    [InlineData("whenever")]
    [InlineData("february 30th")]
    [InlineData("13/45")]
    public void Date_Nonsense_IsNull(string text) => Assert.Null(DateParser.Parse(text, Today));

    [Fact]
    public void SlotValue_UsesTypeAndRange()
    {
        var count = new SlotDefinition { Name = "n", Type = SlotType.Number, Min = 1, Max = 10 };
        var flag = new SlotDefinition { Name = "f", Type = SlotType.YesNo };
        var note = new SlotDefinition { Name = "t", Type = SlotType.Text };
        var day = new SlotDefinition { Name = "d", Type = SlotType.Date };

        Assert.Equal("7", SlotValueParser.FromSpeech(count, "seven", Today));
        Assert.Null(SlotValueParser.FromSpeech(count, "eleven", Today));
        Assert.Equal("7", SlotValueParser.FromDtmf(count, "7#"));
        Assert.Null(SlotValueParser.FromDtmf(count, "*"));
        Assert.Equal("no", SlotValueParser.FromDtmf(flag, "2"));
        Assert.Null(SlotValueParser.FromDtmf(flag, "5"));
        Assert.Equal("call after six", SlotValueParser.FromSpeech(note, "  call after six ", Today));
        Assert.Null(SlotValueParser.FromSpeech(note, "  ", Today));
        Assert.Null(SlotValueParser.FromDtmf(day, "1203"));
        Assert.Equal("Thursday, December 3", SlotValueParser.Speakable(day, "2026-12-03"));
        Assert.Equal("2026-13-03", SlotValueParser.Speakable(day, "2026-13-03"));
    }
}
