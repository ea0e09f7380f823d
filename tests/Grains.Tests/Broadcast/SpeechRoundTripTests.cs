using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;
using Xunit.Abstractions;

namespace ContactCenter.Grains.Tests.Broadcast;

/// <summary>
/// The whole listening path on real tools: espeak-ng speaks a caller line, sox turns it into 8 kHz G.711 µ-law as a
/// phone line would carry it, the energy VAD cuts the utterance out of surrounding line noise, it is decoded and
/// zero-stuffed to 16 kHz, pocketsphinx hears it with the grammar built from the script, and the MiniLM classifier
/// picks the intent.
/// </summary>
public sealed class SpeechRoundTripTests(ITestOutputHelper output) : IDisposable
{
    private const string ScriptYaml = """
        version: 1
        name: round trip
        greeting: Hello
        start: ask
        intents:
          - name: yes
            examples: [yes, yes please, sure, okay, that sounds good]
          - name: no
            examples: [no, no thank you, not interested, I am not interested]
          - name: callback
            examples: [call me back later, call me tomorrow, this is not a good time, call me next week]
          - name: stop
            examples: [stop calling me, take me off your list, do not call me again, remove my number]
        nodes:
          - id: ask
            kind: ask
            prompt: Shall we go ahead?
            branches: {yes: bye, no: bye, callback: bye, stop: bye}
          - id: bye
            kind: end
            closing: Goodbye
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cc-roundtrip-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task CallerLines_ThroughG711AndRecognition_ReachTheRightIntent()
    {
        var script = AgentScriptParser.Parse(ScriptYaml);
        Assert.True(AgentScriptValidator.IsRunnable(script));
        var grammar = ScriptGrammar.Build(script, PronunciationDictionary.Load());
        Assert.Empty(grammar.Rejected);
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = work.FullName });
        var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.FullName });
        (string Line, string Intent)[] calls =
        [
            ("yes please", "yes"), ("sure", "yes"), ("no thank you", "no"), ("I am not interested", "no"),
            ("call me back later", "callback"), ("call me next week", "callback"), ("this is not a good time", "callback"),
            ("stop calling me", "stop"), ("take me off your list", "stop"), ("remove my number", "stop"),
        ];

        var right = 0;
        foreach (var (line, expected) in calls)
        {
            var speech = await tts.SynthesizeAsync(line);
            var utterance = CutUtterance(speech.MuLaw);
            var heard = await recognizer.RecognizeAsync(utterance, grammar);
            var match = await SharedEmbedder.Classifier.ClassifyAsync(heard.Text, script.Intents);
            output.WriteLine($"'{line}' ({speech.Duration.TotalSeconds:0.00} s, utterance {utterance.Length / 8000.0:0.00} s) → heard '{heard.Text}' → {match.Intent ?? "no match"} ({match.Confidence:0.00})");
            right += match.Intent == expected ? 1 : 0;
        }

        Assert.True(right >= 9, $"{right} of 10 caller lines reached the right intent");
    }

    // Surrounds the line with quiet µ-law line noise and lets the VAD find it, as the media path will.
    private static short[] CutUtterance(byte[] muLaw)
    {
        var random = new Random(muLaw.Length);
        short[] Hiss(int n) => Enumerable.Range(0, n).Select(_ => (short)random.Next(-40, 41)).ToArray();
        var line = PhoneAudio.EncodeMuLaw([.. Hiss(4000), .. PhoneAudio.DecodeMuLaw(muLaw), .. Hiss(12000)]);
        var vad = new EnergyVoiceActivityDetector();
        for (var i = 0; i + PhoneAudio.FrameSamples <= line.Length; i += PhoneAudio.FrameSamples)
        {
            var activity = vad.ProcessMuLaw(line.AsSpan(i, PhoneAudio.FrameSamples));
            if (activity.Kind == VoiceActivityKind.UtteranceEnded)
            {
                return activity.Utterance!;
            }
        }

        throw new Xunit.Sdk.XunitException("The VAD found no utterance");
    }
}
