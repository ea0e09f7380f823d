using ContactCenter.Grains.Broadcast.Calls;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// An AI-agent conversation (or voicemail message) running for a call outside the call grain's turns: the work, and
/// how to stop it. Held in the grain's memory only; the conversation dies with the activation's silo like the media.
/// </summary>
internal sealed class LiveConversation(Task<BroadcastRun> run, CancellationTokenSource stop, bool voicemail) : IDisposable
{
    /// <summary>The conversation; its result is applied by the grain in a turn of its own.</summary>
    public Task<BroadcastRun> Run { get; } = run;

    /// <summary>True for a message left on an answering machine rather than a conversation with a person.</summary>
    public bool Voicemail { get; } = voicemail;

    /// <summary>Asks the conversation to stop (it ends as a hang-up) and waits up to <paramref name="wait"/> for it to.</summary>
    /// <returns>True when it has ended.</returns>
    public async Task<bool> StopAsync(TimeSpan wait)
    {
        await stop.CancelAsync();
        try
        {
            await Run.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // Ended with an error: the grain reports it when it applies the result.
        }
        return true;
    }

    public void Dispose() => stop.Dispose();
}
