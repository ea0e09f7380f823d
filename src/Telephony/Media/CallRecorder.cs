using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Media;

/// <summary>
/// Records the audio a media session receives (lost packets as silence, so the timing holds)
/// and saves it as WAV. Bounded: past <see cref="MaxDuration"/> further audio is dropped.
/// </summary>
public sealed class CallRecorder : IDisposable
{
    private readonly IMediaSession session;
    private readonly List<short> samples = [];
    private readonly Lock gate = new();
    private readonly int maxSamples;
    private bool attached;

    /// <summary>Starts recording <paramref name="session"/>'s received audio.</summary>
    public CallRecorder(IMediaSession session, TimeSpan? maxDuration = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        MaxDuration = maxDuration ?? TimeSpan.FromHours(1);
        if (MaxDuration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxDuration));
        maxSamples = (int)Math.Min(int.MaxValue / 2, MaxDuration.TotalSeconds * AudioClip.SampleRate);
        this.session = session;
        session.AudioReceived += OnAudio;
        attached = true;
    }

    /// <summary>Longest recording kept.</summary>
    public TimeSpan MaxDuration { get; }

    /// <summary>Length recorded so far.</summary>
    public TimeSpan Duration
    {
        get
        {
            lock (gate) return TimeSpan.FromSeconds(samples.Count / (double)AudioClip.SampleRate);
        }
    }

    /// <summary>Whether audio was dropped because the recording reached its maximum.</summary>
    public bool Truncated { get; private set; }

    /// <summary>A copy of what has been recorded.</summary>
    public AudioClip ToClip()
    {
        lock (gate) return new AudioClip(samples.ToArray());
    }

    /// <summary>Saves the recording as a WAV file (8 kHz mono).</summary>
    public void Save(string path, WavFormat format = WavFormat.Pcm16) => WavFile.WriteFile(path, ToClip(), format);

    /// <summary>Stops recording (the audio so far stays available).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (!attached) return;
            attached = false;
        }
        session.AudioReceived -= OnAudio;
    }

    private void OnAudio(AudioFrame frame)
    {
        lock (gate)
        {
            if (!attached) return;
            int room = maxSamples - samples.Count;
            if (room < frame.Samples.Length) Truncated = true;
            samples.AddRange(frame.Samples.AsSpan(0, Math.Min(room, frame.Samples.Length)));
        }
    }
}
