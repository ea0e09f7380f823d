using System.Diagnostics;
using ContactCenter.Telephony.Speech;
using Xunit.Abstractions;

namespace ContactCenter.Telephony.Tests.Speech;

[Collection(MemoryMeasurementCollection.Name)]
public sealed class InProcessRecognitionLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyStreamsAtOnce_EachHearsItsOwnPhrase()
    {
        using var recognizer = new InProcessSpeechRecognizer();
        var grammar = SpeechSamples.Grammar();
        var phrases = Enumerable.Range(0, 20).Select(i => SpeechSamples.Phrases[i % SpeechSamples.Phrases.Length]).ToList();
        var audio = new Dictionary<string, short[]>();
        foreach (var phrase in SpeechSamples.Phrases)
        {
            audio[phrase] = PhoneAudio.DecodeMuLaw(await SpeechSamples.MuLawAsync(phrase));
        }

        var streams = phrases.Select(_ => recognizer.TryOpenStream(grammar)!).ToList();
        try
        {
            streams.ForEach(s => s.StartUtterance());
            // Interleaved 20 ms frames, as twenty calls' RTP would arrive.
            var longest = audio.Values.Max(a => a.Length);
            for (var offset = 0; offset < longest; offset += PhoneAudio.FrameSamples)
            {
                for (var i = 0; i < streams.Count; i++)
                {
                    var samples = audio[phrases[i]];
                    if (offset < samples.Length)
                    {
                        streams[i].Write(samples.AsSpan(offset, Math.Min(PhoneAudio.FrameSamples, samples.Length - offset)));
                    }
                }
            }

            var results = await Task.WhenAll(streams.Select(s => s.EndUtteranceAsync()));

            Assert.Equal(phrases, results.Select(r => r.Text));
            Assert.Equal(20, recognizer.Capacity.PeakConversations);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void DecoderCreateAndDispose_500Times_MemoryStaysFlat()
    {
        var options = new PocketSphinxOptions();
        for (var i = 0; i < 20; i++)
        {
            PocketSphinxDecoder.Create(options.AcousticModelPath, options.DictionaryPath).Dispose();
        }

        var before = Resident();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 500; i++)
        {
            using var decoder = PocketSphinxDecoder.Create(options.AcousticModelPath, options.DictionaryPath);
            decoder.UseGrammar(SpeechSamples.Grammar());
            decoder.Start();
            decoder.Write(new short[PhoneAudio.FrameSamples * 5]);
            decoder.End();
        }

        var growth = Resident() - before;
        output.WriteLine($"500 decoders: {clock.Elapsed.TotalMilliseconds / 500:0.0} ms each; resident memory {before / 1048576.0:0} MB before, grew {growth / 1048576.0:0.0} MB");
        // One decoder is 30-40 MB: a leak of even one in a hundred would add over 150 MB; what is left is the GC
        // heap and allocator arenas settling.
        Assert.True(growth < 100L * 1024 * 1024, $"resident memory grew {growth / 1048576.0:0.0} MB");
    }

    [Fact]
    public void StreamOpenAndDispose_500Times_ReusesDecoders()
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: new InProcessRecognitionOptions { MaxConversations = 4, MaxIdleDecoders = 4 });
        var grammar = SpeechSamples.Grammar();
        for (var i = 0; i < 500; i++)
        {
            using (var stream = recognizer.TryOpenStream(grammar))
            {
                Assert.NotNull(stream);
                stream.StartUtterance();
                stream.Write(new short[PhoneAudio.FrameSamples]);
                _ = stream.EndUtteranceAsync();
            }

            // The decoder goes back once the worker has run the stream's last command.
            Assert.True(SpinWait.SpinUntil(() => recognizer.Capacity.ActiveConversations == 0, TimeSpan.FromSeconds(5)));
        }

        SpinWait.SpinUntil(() => recognizer.Capacity.ActiveConversations == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(0, recognizer.Capacity.ActiveConversations);
        Assert.InRange(recognizer.LiveDecoders, 1, 4);
    }

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
