using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// Sits between one call's SIP events and the dialer's sink and screens the answer: at 200 OK it
/// holds back Answered, listens to the callee's audio with the <see cref="AnsweringMachineDetector"/>
/// (bounded by <see cref="AmdOptions.TotalAnalysisTime"/>), then reports Answered for a person (or
/// when unsure), or Failed with <see cref="CallOutcome.Voicemail"/> for a machine and hangs up — unless asked to
/// stay on machines, then Answered with <see cref="CallOutcome.Voicemail"/> and the call stays up for a message.
/// Events pass through in order: SIP delivers them one at a time per call, so the HungUp of a
/// caller who leaves during screening arrives after the screening's own report.
/// </summary>
internal sealed partial class AnsweringMachineScreening(ICallEventSink inner, AmdOptions options, bool stayOnMachine, TimeProvider time, ILogger logger) : ICallEventSink
{
    private readonly TaskCompletionSource<SipOutboundCall> call = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool screenedOut;

    /// <summary>The call this screening belongs to, once the user agent has created it.</summary>
    public void Attach(SipOutboundCall outbound) => call.TrySetResult(outbound);

    /// <summary>The call could not be placed; nothing will be screened.</summary>
    public void Abandon() => call.TrySetCanceled();

    public async Task OnCallEventAsync(CallEvent callEvent)
    {
        // Our own BYE after a machine ends the call a second time; the dialer already has the outcome.
        if (screenedOut) return;
        if (callEvent.Kind != CallEventKind.Answered)
        {
            await inner.OnCallEventAsync(callEvent);
            return;
        }

        var outbound = await call.Task;
        if (outbound.Media is not RtpMediaEndpoint endpoint)
        {
            await inner.OnCallEventAsync(callEvent);
            return;
        }
        var detection = endpoint.Session.DetectAnsweringMachineAsync(options, time);
        if (await Task.WhenAny(detection, endpoint.Stopped) != detection)
        {
            // The call ended while we listened: somebody answered and left; report what happened.
            LogEndedDuringScreening(logger, callEvent.CallId);
            await inner.OnCallEventAsync(callEvent);
            return;
        }

        var result = await detection;
        LogScreened(logger, callEvent.CallId, result.Status, result.Cause, result.AnalysisTime.TotalMilliseconds);
        var detail = $"AMD {result.Status} ({result.Cause}, {result.AnalysisTime.TotalMilliseconds:0} ms)";
        if (result.Status != AmdStatus.Machine)
        {
            await inner.OnCallEventAsync(callEvent with { Detail = detail });
            return;
        }

        if (stayOnMachine)
        {
            // The dialer leaves a message and hangs up itself; the call's later HungUp reaches it as for any answer.
            await inner.OnCallEventAsync(callEvent with { Outcome = CallOutcome.Voicemail, Detail = detail });
            return;
        }
        screenedOut = true;
        await inner.OnCallEventAsync(new CallEvent(callEvent.CallId, CallEventKind.Failed, time.GetUtcNow(), CallOutcome.Voicemail, detail));
        // Not awaited: the hang-up waits for this call's event queue, which is waiting for us.
        _ = HangUpAsync(outbound);
    }

    private async Task HangUpAsync(SipOutboundCall outbound)
    {
        try
        {
            await outbound.HangUpAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            LogHangUpFailed(logger, outbound.Id, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} screened: {Status} ({Cause}) after {AnalysisMs} ms")]
    private static partial void LogScreened(ILogger logger, string callId, AmdStatus status, AmdCause cause, double analysisMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended during answering-machine screening")]
    private static partial void LogEndedDuringScreening(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hanging up machine-answered call {CallId} failed: {Reason}")]
    private static partial void LogHangUpFailed(ILogger logger, string callId, string reason);
}
