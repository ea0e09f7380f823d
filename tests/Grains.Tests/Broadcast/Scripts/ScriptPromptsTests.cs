using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Tests.Broadcast.Scripts;

public sealed class ScriptPromptsTests
{
    [Fact]
    public void StaticTexts_CoverFixedLinesAndSkipSlotPrompts()
    {
        var texts = ScriptPrompts.StaticTexts(SampleScripts.Renewal());

        Assert.Contains("Hello, this is Ava calling from Acme Insurance.", texts);
        Assert.Contains(texts, t => t.StartsWith("Your policy renews", StringComparison.Ordinal));
        Assert.Contains("Sorry, I did not understand.", texts);
        Assert.Contains("We have removed your number. Goodbye.", texts);
        Assert.Contains("Thank you for your time. Goodbye.", texts);
        Assert.Contains(texts, t => t.StartsWith("Hi, this is Acme Insurance", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains('{', StringComparison.Ordinal));
        Assert.Equal(texts.Count, texts.Distinct().Count());
        // greeting, voicemail, 2 retry prompts, 4 node prompts (the {day} one is per call), 3 closings.
        Assert.Equal(11, texts.Count);
    }

    [Fact]
    public async Task WarmCache_RendersEachLineOnce()
    {
        var dir = Directory.CreateTempSubdirectory("cc-warm-");
        try
        {
            var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = dir.FullName });

            var first = await ScriptPrompts.WarmCacheAsync(SampleScripts.Renewal(), tts);
            var second = await ScriptPrompts.WarmCacheAsync(SampleScripts.Renewal(), tts);

            Assert.Equal(11, first);
            Assert.Equal(0, second);
            Assert.Equal(11, dir.GetFiles("*.ul").Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
