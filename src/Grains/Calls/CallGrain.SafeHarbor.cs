using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactCenter.Grains.Calls;

// An answered call that no agent can take is abandoned. Hanging up on a person without a word is what the
// safe-harbor rules forbid: they hear the campaign's message (who called, a number to call back, how to opt out)
// first, and then the call ends. The message plays outside the grain's turns (it lasts seconds); the hang-up that
// follows it comes back as an ordinary carrier event.
public sealed partial class CallGrain
{
    /// <summary>The message rendered while the call waits for an agent, so that giving up plays it at once.</summary>
    private Task<SynthesizedSpeech>? safeHarborAudio;

    /// <summary>Starts rendering the safe-harbor message (a call waiting for an agent may need it within the threshold).</summary>
    private void PrepareSafeHarbor(CallStart start)
    {
        if (safeHarborAudio is not null || start.SafeHarborMessage is not { } message || ServiceProvider.GetService<ITextToSpeech>() is not { } speech
            || ServiceProvider.GetService<ICallMediaAccess>()?.GetMedia(Id) is null) return;
        safeHarborAudio = Task.Run(() => speech.SynthesizeAsync(message));
    }

    /// <summary>
    /// Hangs up an abandoned call, after the campaign's safe-harbor message where there is audio to speak it into:
    /// its recording when one was uploaded, else its text spoken by our text-to-speech.
    /// </summary>
    private async Task AbandonAsync(CallStart start)
    {
        var media = ServiceProvider.GetService<ICallMediaAccess>()?.GetMedia(Id);
        var speech = ServiceProvider.GetService<ITextToSpeech>();
        var recording = media is null ? null : await RecordedSafeHarborAsync(start.CampaignId);
        if (media is null || (recording is null && (start.SafeHarborMessage is null || speech is null)))
        {
            await carrier.HangUpAsync(Id);
            return;
        }
        Remember(Call with { Notes = recording is null ? "Abandoned: no agent free; safe-harbor message" : "Abandoned: no agent free; recorded safe-harbor message" });
        var (callId, hangUp, prepared, message) = (Id, carrier, safeHarborAudio, start.SafeHarborMessage);
        _ = Task.Run(() => PlaySafeHarborAsync(recording, message, prepared, media, speech, hangUp, callId));
    }

    /// <summary>The campaign's recording; none when the database cannot say now (the text, if any, is spoken instead).</summary>
    private async Task<byte[]?> RecordedSafeHarborAsync(string campaignId)
    {
        if (ServiceProvider.GetService<SafeHarborAudioStore>() is not { } store) return null;
        try
        {
            return await store.GetAsync(campaignId).WaitAsync(TimeSpan.FromMilliseconds(500));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogSafeHarborFailed(Id, ex.GetType().Name);
            return null;
        }
    }

    private async Task PlaySafeHarborAsync(byte[]? recording, string? message, Task<SynthesizedSpeech>? prepared, CallMedia media, ITextToSpeech? speech, ICarrier hangUp, string callId)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // The person hanging up ends the message.
        media.CancelWhenEnded(stop);
        try
        {
            var muLaw = recording
                ?? (prepared is not null ? await prepared.WaitAsync(stop.Token) : await speech!.SynthesizeAsync(message!, cancellationToken: stop.Token)).MuLaw;
            await media.Session.PlayAsync(AudioClip.FromG711(G711Law.MuLaw, muLaw), stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Hung up during the message.
        }
        catch (Exception ex) when (ex is SpeechToolException or InvalidOperationException or IOException)
        {
            LogSafeHarborFailed(callId, ex.GetType().Name);
        }
        try
        {
            if (!media.Ended.IsCompleted) await hangUp.HangUpAsync(callId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSafeHarborFailed(callId, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the safe-harbor message could not be played ({Error})")]
    private partial void LogSafeHarborFailed(string callId, string error);
}
