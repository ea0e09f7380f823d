using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class EspeakTextToSpeechTests : IDisposable
{
    private readonly TempDirectory cache = new();

    public void Dispose() => cache.Dispose();

    private EspeakTextToSpeech NewTts(EspeakOptions? options = null) =>
        new((options ?? new EspeakOptions()) with { CacheDirectory = cache.Path });

    [Fact]
    public async Task Synthesize_RendersEightKilohertzMuLawAndCachesIt()
    {
        var tts = NewTts();

        var first = await tts.SynthesizeAsync("Hello, this is a test call.");
        var second = await tts.SynthesizeAsync("  Hello, this is a test call. ");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.MuLaw, second.MuLaw);
        Assert.Equal(first.CachePath, second.CachePath);
        Assert.True(File.Exists(first.CachePath));
        Assert.InRange(first.Duration.TotalSeconds, 1.0, 4.0);
        // Speech, not silence: decoded samples reach a clearly audible level.
        Assert.True(PhoneAudio.DecodeMuLaw(first.MuLaw).Max(s => Math.Abs((int)s)) > 3000);
        Assert.Empty(Directory.GetFiles(cache.Path, "*.tmp"));
    }

    [Fact]
    public async Task Synthesize_CacheKeyCoversVoiceAndRate()
    {
        var tts = NewTts();
        var slow = NewTts(new EspeakOptions { WordsPerMinute = 120 });

        var us = await tts.SynthesizeAsync("good morning", "en-us");
        var gb = await tts.SynthesizeAsync("good morning", "en-gb");
        var slower = await slow.SynthesizeAsync("good morning", "en-us");

        Assert.NotEqual(us.CachePath, gb.CachePath);
        Assert.NotEqual(us.CachePath, slower.CachePath);
        Assert.False(gb.FromCache);
        Assert.True(slower.Duration > us.Duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Synthesize_EmptyText_IsRejected(string text)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NewTts().SynthesizeAsync(text));
    }

    [Fact]
    public async Task Synthesize_BadInputs_GiveClearErrors()
    {
        var tts = NewTts(new EspeakOptions { MaxTextLength = 10 });

        await Assert.ThrowsAsync<ArgumentException>(() => tts.SynthesizeAsync("far too long for the limit"));
        await Assert.ThrowsAsync<ArgumentException>(() => tts.SynthesizeAsync("hi", "--option"));
        var unknown = await Assert.ThrowsAsync<SpeechToolException>(() => tts.SynthesizeAsync("hi", "nosuchvoice"));
        Assert.Contains("does not exist", unknown.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<SpeechToolException>(() => NewTts(new EspeakOptions { EspeakPath = "/nonexistent/espeak" }).SynthesizeAsync("hi"));
        Assert.Contains("Cannot start", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synthesize_TextStartingWithDash_IsSpokenNotParsedAsOption()
    {
        var speech = await NewTts().SynthesizeAsync("-v is not an option here");

        Assert.True(speech.Duration > TimeSpan.FromSeconds(0.5));
    }
}
