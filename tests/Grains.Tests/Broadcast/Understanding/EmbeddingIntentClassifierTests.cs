using ContactCenter.Grains.Broadcast;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Tests.Broadcast.Understanding;

public sealed class EmbeddingIntentClassifierTests
{
    private static readonly IReadOnlyList<IntentDefinition> Intents = SampleScripts.Renewal().Intents;

    [Fact]
    public void Embedder_GivesUnitVectorsThatReflectMeaning()
    {
        var v = SharedEmbedder.Embedder.Embed(["please call me tomorrow", "ring me back tomorrow", "the invoice is wrong"]);

        Assert.Equal(384, v[0].Length);
        Assert.Equal(1.0, Math.Sqrt(v[0].Sum(x => (double)x * x)), 3);
        var near = v[0].Zip(v[1]).Sum(p => p.First * p.Second);
        var far = v[0].Zip(v[2]).Sum(p => p.First * p.Second);
        Assert.True(near > far + 0.3, $"near {near}, far {far}");
        Assert.Empty(SharedEmbedder.Embedder.Embed([]));
    }

    [Theory]
    [InlineData("sure why not", "yes")]
    [InlineData("yeah that would be good", "yes")]
    [InlineData("nah, not for me", "no")]
    [InlineData("could you ring me next week", "callback")]
    [InlineData("I'm busy right now, try later", "callback")]
    [InlineData("never call this number again", "stop")]
    [InlineData("put me on your do not call list", "stop")]
    [InlineData("can I speak to a real human being", "agent")]
    public async Task Classify_UnseenParaphrases(string utterance, string expected)
    {
        var match = await SharedEmbedder.Classifier.ClassifyAsync(utterance, Intents);

        Assert.Equal(expected, match.Intent);
        Assert.InRange(match.Confidence, 0.4, 1.0);
        Assert.NotNull(match.Evidence);
    }

    [Theory]
    [InlineData("the capital of france is paris")]
    [InlineData("my dog eats carrots")]
    public async Task Classify_Unrelated_IsNoMatch(string utterance)
    {
        var match = await SharedEmbedder.Classifier.ClassifyAsync(utterance, Intents);

        Assert.False(match.IsMatch);
        Assert.True(match.Confidence < 0.4);
    }

    [Theory]
    [InlineData("what's the weather like")]
    [InlineData("I'm driving right now")]
    [InlineData("the game starts at seven")]
    [InlineData("three hundred")]
    public async Task Classify_OffTopicText_IsNoMatch(string utterance)
    {
        var match = await SharedEmbedder.Classifier.ClassifyAsync(utterance, Intents);

        Assert.False(match.IsMatch, $"'{utterance}' → {match.Intent} ({match.Confidence:0.00}, {match.Evidence})");
    }

    [Fact]
    public async Task Classify_ThresholdIsApplied_SameScoreMatchesOrNotByTheThreshold()
    {
        // "sure why not" is near the example "sure" (about 0.7): a threshold above its score must turn it into a no-match.
        var loose = await SharedEmbedder.Classifier.ClassifyAsync("sure why not", Intents);
        var strict = new EmbeddingIntentClassifier(SharedEmbedder.Embedder, new EmbeddingClassifierOptions { NoMatchThreshold = Math.Min(1, loose.Confidence + 0.01) });

        var refused = await strict.ClassifyAsync("sure why not", Intents);

        Assert.Equal("yes", loose.Intent);
        Assert.False(refused.IsMatch);
        Assert.Equal(loose.Confidence, refused.Confidence, 3);
        Assert.Equal("yes", (await strict.ClassifyAsync("sure", Intents)).Intent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.2)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_ThresholdOutOfRange_IsRefused(double threshold)
    {
        var options = new EmbeddingClassifierOptions { NoMatchThreshold = threshold };

        Assert.NotEmpty(options.Validate());
        Assert.Throws<ArgumentException>(() => new EmbeddingIntentClassifier(SharedEmbedder.Embedder, options));
        Assert.Throws<ArgumentException>(() => new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddBroadcastAgent(o => o.Embeddings = options));
        Assert.Empty(new EmbeddingClassifierOptions().Validate());
    }

    [Fact]
    public async Task Classify_OnlyConsidersCandidates()
    {
        var onlyYesNo = Intents.Where(i => i.Name is "yes" or "no").ToList();

        var match = await SharedEmbedder.Classifier.ClassifyAsync("stop calling me", onlyYesNo);

        Assert.NotEqual("stop", match.Intent);
        Assert.False((await SharedEmbedder.Classifier.ClassifyAsync("yes", [])).IsMatch);
        Assert.False((await SharedEmbedder.Classifier.ClassifyAsync("  ", Intents)).IsMatch);
    }

    [Fact]
    public void Dtmf_MapsExactKeysOnly()
    {
        Assert.Equal("stop", DtmfIntentMap.Match("9", Intents).Intent);
        Assert.Equal("agent", DtmfIntentMap.Match(" 0 ", Intents).Intent);
        Assert.False(DtmfIntentMap.Match("5", Intents).IsMatch);
        Assert.False(DtmfIntentMap.Match("19", Intents).IsMatch);
    }
}
