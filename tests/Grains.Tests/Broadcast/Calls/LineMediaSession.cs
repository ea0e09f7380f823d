using System.Net;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Rtp.Dtmf;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

/// <summary>
/// A call's media without sockets: records what is played (each prompt takes a short fixed time) and lets the test
/// raise the caller's keys; the caller sends no RTP at all, as a sender with silence suppression would.
/// </summary>
internal sealed class LineMediaSession : IMediaSession
{
    private readonly List<AudioClip> played = [];

    public IReadOnlyList<AudioClip> Played
    {
        get { lock (played) return [.. played]; }
    }

    public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 40000);

    public IPEndPoint? RemoteEndPoint => null;

    public int AudioPayloadType => 0;

    public int DtmfPayloadType => 101;

    public bool SendPaused { get; set; }

    public event Action<AudioFrame>? AudioReceived;

    public event Action<DtmfEvent>? DtmfReceived;

    public void SetRemote(IPEndPoint remote, int payloadType, int dtmfPayloadType = 101)
    {
    }

    public void Start()
    {
    }

    public Task StopAsync() => Task.CompletedTask;

    public async Task PlayAsync(AudioClip audio, CancellationToken cancellationToken = default)
    {
        lock (played) played.Add(audio);
        await Task.Delay(50, cancellationToken);
    }

    public Task SendDtmfAsync(char digit, TimeSpan duration, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void PressKey(char digit) => DtmfReceived?.Invoke(new DtmfEvent((byte)(digit - '0'), digit, TimeSpan.FromMilliseconds(100), 10, 0, true));

    public void Speak(short[] samples) => AudioReceived?.Invoke(new AudioFrame(samples, 0, 0, false));

    public MediaSessionStatistics GetStatistics() => throw new NotSupportedException("Not needed by the conversation.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
