using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Common;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Calls;

// A Broadcast conversation lasts minutes, far beyond Orleans' response timeout, so it never runs inside a message turn:
// the Answered turn starts it on the thread pool and returns; when it ends, the call asks itself (a message like any
// other, so it never interleaves with a carrier event) to apply the result. A hang-up while it runs stops it and
// applies what was heard in the hang-up's own turn; deactivation does the same. Whichever comes first applies the
// result, the others find nothing left to apply: the record is written once.
public sealed partial class CallGrain
{
    /// <summary>How long a stopped conversation may take to let go of the call.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    private LiveConversation? conversation;

    private enum ConversationEnd
    {
        /// <summary>The script ran to its end (or its limit): transfer or hang up as it said.</summary>
        Finished,
        /// <summary>The far end hung up: nobody left to transfer or hang up on.</summary>
        FarEndHungUp,
        /// <summary>The activation is going away: end the call and write its record now.</summary>
        Deactivating,
    }

    public async Task OnConversationEndedAsync()
    {
        // Already applied by a hang-up or deactivation turn, or a stale report: nothing to do.
        if (conversation is not { Run.IsCompleted: true } ended) return;
        conversation = null;
        await FinishConversationAsync(ended, ConversationEnd.Finished);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (conversation is { } running)
        {
            conversation = null;
            LogDeactivatedInConversation(Id, reason.Description);
            await running.StopAsync(StopWait);
            await FinishConversationAsync(running, ConversationEnd.Deactivating);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Starts the AI agent on an answered Broadcast call (or the voicemail message on a machine) and returns at once.</summary>
    private async Task StartConversationAsync(bool voicemail)
    {
        var start = state.State.Start!;
        var media = ServiceProvider.GetService<ICallMediaAccess>()?.GetMedia(Id);
        if (voicemail && (start.Broadcast is null || media is null))
        {
            // A machine with no message to leave or no audio to speak into: hang up, as the hang-up policy would.
            await carrier.HangUpAsync(Id);
            await FailAsync(CallOutcome.Voicemail, Call.Notes, keptUp: true);
            return;
        }
        if (start.Broadcast is not { } broadcast)
        {
            LogNoScript(Id);
            await carrier.HangUpAsync(Id);
            return;
        }
        if (!voicemail && broadcast.TimeZone is null) broadcast = broadcast with { TimeZone = await LeadTimeZoneAsync(start.LeadId) };
        var voice = ServiceProvider.GetRequiredService<VoiceCallRunner>();
        var text = Runner;
        var (simulation, leadId) = (start.Simulation, start.LeadId);
        var stop = new CancellationTokenSource();
        // A carrier with real audio (the SIP trunk, in this silo) gets a spoken conversation; the simulated one a text one.
        var run = Task.Run(() =>
            voicemail ? voice.LeaveVoicemailAsync(broadcast, media!, stop.Token)
            : media is not null ? voice.RunAsync(broadcast, media, stop.Token)
            : text.RunSimulatedAsync(broadcast, simulation, leadId, stop.Token));
        conversation = new LiveConversation(run, stop, voicemail);
        // Idle as far as Orleans can tell, but holding a live call: not to be collected while the conversation may run.
        DelayDeactivation(voice.Options.MaxCallLength + StopWait);
        var (self, callId) = (this.AsReference<ICallGrain>(), Id);
        // Off the grain's scheduler: the report is a message, queued behind whatever the call is doing.
        _ = Task.Run(() => ReportWhenEndedAsync(run, self, callId));
    }

    private async Task ReportWhenEndedAsync(Task<BroadcastRun> run, ICallGrain self, string callId)
    {
        try
        {
            await run;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Reported when the result is applied.
        }
        try
        {
            await self.OnConversationEndedAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogConversationReportFailed(ex, callId);
        }
    }

    /// <summary>Applies an ended conversation: its disposition and details, a transfer, the hang-up; voicemail ends the call.</summary>
    private async Task FinishConversationAsync(LiveConversation ended, ConversationEnd how)
    {
        var hangUp = how != ConversationEnd.FarEndHungUp;
        BroadcastRun? run = null;
        try
        {
            if (!ended.Run.IsCompleted)
            {
                LogConversationDidNotStop(Id, StopWait.TotalSeconds);
            }
            else
            {
                run = await ended.Run;
                if (!ended.Voicemail) hangUp &= !await ApplyConversationAsync(run, allowTransfer: how == ConversationEnd.Finished);
            }
        }
        catch (Exception ex) when (ex is DomainException or AgentScriptFormatException or ArgumentException or OperationCanceledException
            or Telephony.Speech.SpeechToolException)
        {
            // A script that vanished or cannot run must not leave a person on a silent line.
            LogConversationFailed(Id, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
        }
        finally
        {
            ended.Dispose();
            // Nothing runs beside the grain any more: ordinary idle collection again (zero resets the delay).
            DelayDeactivation(TimeSpan.Zero);
        }
        // Voicemail: the message is on the record before our BYE, whose HungUp then finds the call ended.
        if (ended.Voicemail) await FailAsync(CallOutcome.Voicemail, Call.Notes, run?.Details, keptUp: true);
        if (hangUp) await carrier.HangUpAsync(Id);
        if (how == ConversationEnd.Deactivating && Call.IsLive) await CompleteAsync(time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: deactivated ({Reason}) during its conversation; ending the call")]
    private partial void LogDeactivatedInConversation(string callId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the conversation did not stop within {Seconds} s; its result is lost")]
    private partial void LogConversationDidNotStop(string callId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: could not report the end of its conversation")]
    private partial void LogConversationReportFailed(Exception exception, string callId);
}
