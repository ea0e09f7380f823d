using ContactCenter.Telephony.Media;

namespace ContactCenter.Telephony.Carrier;

/// <summary>The live audio of one answered call.</summary>
/// <param name="Session">Playback into the call and the caller's audio and DTMF.</param>
/// <param name="Ended">Completes when the call's media stops (either side hung up).</param>
public sealed record CallMedia(IMediaSession Session, Task Ended)
{
    /// <summary>
    /// Cancels <paramref name="stop"/> when the call's media ends: whatever plays into the call (a message, a
    /// conversation) stops when the far end hangs up. Safe after <paramref name="stop"/> is disposed.
    /// </summary>
    public void CancelWhenEnded(CancellationTokenSource stop) =>
        _ = Ended.ContinueWith(_ =>
        {
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { } // what played finished before the call ended
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
