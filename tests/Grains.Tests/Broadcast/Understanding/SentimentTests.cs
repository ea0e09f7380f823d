using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Tests.Broadcast.Understanding;

public sealed class SentimentTests
{
    private readonly LexiconSentimentAnalyzer analyzer = new();

    [Theory]
    [InlineData("that sounds great thank you", SentimentLabel.Positive)]
    [InlineData("yes I'm interested", SentimentLabel.Positive)]
    [InlineData("this is a scam stop harassing me", SentimentLabel.Negative)]
    [InlineData("I hate these calls", SentimentLabel.Negative)]
    [InlineData("call me on tuesday", SentimentLabel.Neutral)]
    [InlineData("", SentimentLabel.Neutral)]
    [InlineData("not bad", SentimentLabel.Positive)]
    [InlineData("not good at all", SentimentLabel.Negative)]
    [InlineData("no problem", SentimentLabel.Positive)]
    [InlineData("it was good but now I'm really annoyed", SentimentLabel.Negative)]
    public void Analyze_LabelsUtterances(string text, SentimentLabel expected) =>
        Assert.Equal(expected, analyzer.Analyze(text).Label);

    [Fact]
    public void Intensifier_StrengthensAndNegationWeakens()
    {
        var good = analyzer.Analyze("good").Score;
        var veryGood = analyzer.Analyze("very good").Score;
        var notBad = analyzer.Analyze("not bad").Score;

        Assert.True(veryGood > good);
        Assert.True(notBad > 0 && notBad < good);
        Assert.InRange(analyzer.Analyze("great great great great great great").Score, 0.9, 1.0);
    }

    [Fact]
    public void Aggregate_AveragesCallerUtterances()
    {
        var call = SentimentScore.Aggregate([SentimentScore.From(0.6), SentimentScore.From(-0.2)]);

        Assert.Equal(0.2, call.Score, 6);
        Assert.Equal(SentimentLabel.Positive, call.Label);
        Assert.Equal(SentimentScore.Neutral, SentimentScore.Aggregate([]));
    }
}
