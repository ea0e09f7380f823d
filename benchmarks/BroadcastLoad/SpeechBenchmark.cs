using System.Diagnostics;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>
/// (b) The speech pipeline's cost per second of audio: espeak-ng (+ sox to 8 kHz µ-law) for the agent's prompts,
/// pocketsphinx with the script's JSGF grammar for the caller's lines, the energy VAD on every inbound frame, and the
/// MiniLM intent classifier per utterance. CPU counts this process and the tool processes it waited for.
/// </summary>
public sealed class SpeechBenchmark : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cc-broadcast-bench-");

    /// <summary>One measured stage.</summary>
    /// <param name="Items">Prompts, utterances or frames processed.</param>
    /// <param name="Correct">Speech recognition: utterances heard exactly as said.</param>
    public sealed record Stage(string Name, int Items, double AudioSeconds, double CpuSeconds, double WallSeconds, int? Correct = null)
    {
        /// <summary>CPU seconds per second of audio (real-time factor on one core).</summary>
        public double CpuRtf => AudioSeconds == 0 ? 0 : CpuSeconds / AudioSeconds;
        public double WallRtf => AudioSeconds == 0 ? 0 : WallSeconds / AudioSeconds;
    }

    public void Dispose() => work.Delete(recursive: true);

    /// <summary>Synthesises every agent line <paramref name="rounds"/> times, each round with an empty cache.</summary>
    public async Task<Stage> TextToSpeechAsync(int rounds, CancellationToken ct)
    {
        await new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Fresh() }).SynthesizeAsync("Warm up.", cancellationToken: ct);
        double audio = 0;
        var (cpu, wall) = (CpuClock.Total, Stopwatch.StartNew());
        for (var r = 0; r < rounds; r++)
        {
            var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Fresh() });
            foreach (var line in LoadScript.AgentLines)
            {
                var speech = await tts.SynthesizeAsync(line, cancellationToken: ct);
                if (speech.FromCache) throw new InvalidOperationException("A fresh cache served a prompt: the measurement would be void.");
                audio += speech.Duration.TotalSeconds;
            }
        }
        return new Stage("TTS espeak-ng → 8 kHz µ-law (uncached)", rounds * LoadScript.AgentLines.Length, audio, (CpuClock.Total - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    /// <summary>Recognises every caller line <paramref name="rounds"/> times with the script's grammar.</summary>
    public async Task<Stage> SpeechToTextAsync(int rounds, CancellationToken ct)
    {
        var script = AgentScriptParser.Parse(LoadScript.Yaml);
        var grammar = ScriptGrammar.Build(script, PronunciationDictionary.Load());
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Fresh() });
        var lines = new List<(string Text, short[] Pcm)>();
        foreach (var line in LoadScript.CallerLines) lines.Add((line, PhoneAudio.DecodeMuLaw((await tts.SynthesizeAsync(line, cancellationToken: ct)).MuLaw)));
        var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = Fresh() });
        await recognizer.RecognizeAsync(lines[0].Pcm, grammar, ct);

        double audio = 0;
        var correct = 0;
        var (cpu, wall) = (CpuClock.Total, Stopwatch.StartNew());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var (text, pcm) in lines)
            {
                var heard = await recognizer.RecognizeAsync(pcm, grammar, ct);
                audio += pcm.Length / (double)PhoneAudio.SampleRate;
                correct += string.Equals(heard.Text, text, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }
        return new Stage("STT pocketsphinx + JSGF grammar (process per utterance)", rounds * lines.Count, audio, (CpuClock.Total - cpu).TotalSeconds, wall.Elapsed.TotalSeconds, correct);
    }

    /// <summary>Runs the VAD (with µ-law decoding) over <paramref name="seconds"/> of line audio in 20 ms frames.</summary>
    public Stage VoiceActivity(int seconds)
    {
        var random = new Random(5);
        var frames = Enumerable.Range(0, 50).Select(i => PhoneAudio.EncodeMuLaw(Enumerable.Range(0, PhoneAudio.FrameSamples)
            .Select(n => (short)(i % 10 < 4 ? 8000 * Math.Sin(n * 0.3 + i) : random.Next(-40, 41))).ToArray())).ToList();
        var vad = new EnergyVoiceActivityDetector();
        var count = seconds * 50;
        var (cpu, wall) = (CpuClock.Own, Stopwatch.StartNew());
        for (var i = 0; i < count; i++) vad.ProcessMuLaw(frames[i % frames.Count]);
        return new Stage("VAD + µ-law decode (every inbound frame)", count, seconds, (CpuClock.Own - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    /// <summary>Classifies each caller line <paramref name="rounds"/> times; the audio column is unused (per utterance).</summary>
    public static async Task<Stage> ClassifierAsync(int rounds, CancellationToken ct)
    {
        var script = AgentScriptParser.Parse(LoadScript.Yaml);
        using var embedder = new MiniLmSentenceEmbedder();
        var classifier = new EmbeddingIntentClassifier(embedder);
        await classifier.ClassifyAsync("warm up", script.Intents, ct);
        var (cpu, wall) = (CpuClock.Own, Stopwatch.StartNew());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var line in LoadScript.CallerLines) await classifier.ClassifyAsync(line, script.Intents, ct);
        }
        return new Stage("Intent classifier (MiniLM), per utterance", rounds * LoadScript.CallerLines.Length, 0, (CpuClock.Own - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    private string Fresh() => work.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName;
}
