using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>
/// A labelled set of answers for evaluating AMD, rendered at test time (espeak-ng speech, sox beeps; cached in the
/// temp folder by <see cref="SpeechAudio"/>). People say a short greeting and wait, then, hearing nobody, say
/// "Hello?" again; machines play greetings of about two to twelve seconds, with and without a beep. Every answer is
/// sent three ways: silence as packets, as no packets at all, and as comfort noise.
/// </summary>
public static class AmdLabelledSet
{
    /// <summary>Short greetings of people answering the phone.</summary>
    public static readonly string[] HumanGreetings =
    [
        "Hello?",
        "Hi, this is Maria.",
        "Yes, who is it?",
        "Hello, who's calling?",
        "Yeah?",
        "Good morning.",
        "Hi there.",
        "Maria speaking.",
    ];

    /// <summary>Answering-machine and voicemail greetings, shortest first.</summary>
    public static readonly string[] VoicemailGreetings =
    [
        "Hi, it's Sam. Leave a message.",
        "You have reached John. Please leave a message after the tone.",
        "The person you are calling is not available. Please leave a message.",
        "Hello, you've reached the Garcia family. We can't come to the phone right now, so leave us a message and we'll call you back.",
        MachineGreetings.Long,
        "Thank you for calling. Nobody is available to take your call. At the tone, please record your message. When you are finished, hang up, or press pound for more options.",
    ];

    /// <summary>espeak-ng voices and speaking rates (words per minute) the callees speak with.</summary>
    public static readonly (string Voice, int Rate)[] Voices = [("en-us", 160), ("en-gb", 175), ("en-us+f3", 145)];

    private static readonly SenderSilenceMode[] Modes = [SenderSilenceMode.SilencePackets, SenderSilenceMode.NoPackets, SenderSilenceMode.ComfortNoise];

    /// <summary>All cases: 8 greetings × 3 voices × 3 modes of people, 6 greetings × 2 voices × beep or not × 3 modes of machines.</summary>
    public static IReadOnlyList<AmdCase> Build()
    {
        var cases = new List<AmdCase>();
        var seed = 0;
        for (var g = 0; g < HumanGreetings.Length; g++)
        {
            foreach (var (voice, rate) in Voices)
            {
                // People take a moment to speak after picking up: 0.4 to 1.2 s.
                var before = 0.4 + 0.4 * ((g + seed) % 3);
                var audio = Silence(before).Append(SpeechAudio.Render(HumanGreetings[g], voice, rate)).Append(Silence(2))
                    .Append(SpeechAudio.Render("Hello?", voice, rate)).Append(Silence(3));
                foreach (var mode in Modes) cases.Add(Case($"human '{HumanGreetings[g]}' {voice}", AmdStatus.Human, audio, mode, ++seed));
            }
        }
        for (var g = 0; g < VoicemailGreetings.Length; g++)
        {
            foreach (var (voice, rate) in Voices.Take(2))
            {
                foreach (var beep in new[] { true, false })
                {
                    var greeting = Silence(0.3 + 0.2 * (g % 3)).Append(SpeechAudio.Render(VoicemailGreetings[g], voice, rate));
                    var audio = (beep ? greeting.Append(SpeechAudio.Tone(1000, 0.5)) : greeting).Append(Silence(4));
                    foreach (var mode in Modes) cases.Add(Case($"machine #{g + 1} {voice} {(beep ? "beep" : "no beep")}", AmdStatus.Machine, audio, mode, ++seed));
                }
            }
        }
        return cases;
    }

    private static AmdCase Case(string name, AmdStatus truth, AudioClip audio, SenderSilenceMode mode, int seed)
    {
        var sender = new SimulatedPhoneSender
        {
            Mode = mode,
            Seed = seed,
            // Some jitter on every call; comfort noise once per silence on odd cases, refreshed every 200 ms on even ones.
            Jitter = TimeSpan.FromMilliseconds(5 * (seed % 5)),
            ComfortNoiseInterval = seed % 2 == 0 ? TimeSpan.FromMilliseconds(200) : null,
        };
        return new AmdCase($"{name}, {mode}", truth, audio, sender);
    }

    private static AudioClip Silence(double seconds) => AudioClip.Silence(TimeSpan.FromSeconds(seconds));
}
