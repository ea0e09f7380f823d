using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>Answering machines for tests: a recorded greeting (espeak-ng speech) and its beep (a sox tone), as 8 kHz audio.</summary>
public static class MachineGreetings
{
    /// <summary>A long greeting: far past AMD's word limit, with pauses between its sentences.</summary>
    public const string Long = "Hi, you have reached the voicemail of John Smith. I am not available to take your call right now. Please leave your name, number and a short message after the tone and I will call you back as soon as I can.";

    /// <summary>A short greeting (about four seconds) for calls that should not take long.</summary>
    public const string Short = "Hi, you have reached John. Please leave a message after the tone.";

    /// <summary>0.3 s of silence, the greeting, a 1 kHz beep of <paramref name="beepSeconds"/>, then <paramref name="silenceAfter"/> seconds of silence.</summary>
    public static AudioClip WithBeep(string greeting = Long, double beepSeconds = 0.5, double silenceAfter = 1) =>
        Silence(0.3).Append(SpeechAudio.Render(greeting)).Append(SpeechAudio.Tone(1000, beepSeconds)).Append(Silence(silenceAfter));

    /// <summary>0.3 s of silence, the greeting, then <paramref name="silenceAfter"/> seconds of silence (a machine that does not beep).</summary>
    public static AudioClip WithoutBeep(string greeting = Long, double silenceAfter = 3) =>
        Silence(0.3).Append(SpeechAudio.Render(greeting)).Append(Silence(silenceAfter));

    /// <summary>Where the greeting's speech ends in <see cref="WithBeep"/> and <see cref="WithoutBeep"/>.</summary>
    public static TimeSpan GreetingEnd(string greeting = Long) => TimeSpan.FromSeconds(0.3) + SpeechAudio.Render(greeting).Duration;

    private static AudioClip Silence(double seconds) => AudioClip.Silence(TimeSpan.FromSeconds(seconds));
}
