using ContactCenter.Grains.Common;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// Delivers each carrier event to the grain of the call it belongs to. An event the grain could not
/// take (the database away, the cluster changing) is delivered again with growing pauses for up to
/// <see cref="RetryFor"/>: dropped, it would leave the call live forever. The grain takes a repeated
/// event as the same event, so a retry after a partial success does no harm.
/// </summary>
public sealed partial class CallEventRouter(IGrainFactory grains, TimeProvider time, ILogger<CallEventRouter> logger) : ICallEventSink
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    public async Task OnCallEventAsync(CallEvent callEvent)
    {
        var progress = CallProgress.From(callEvent);
        var giveUpAt = time.GetUtcNow() + RetryFor;
        var pause = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<ICallGrain>(callEvent.CallId).OnCarrierEventAsync(progress);
                return;
            }
            catch (Exception ex) when (ex is not DomainException and not OutOfMemoryException && time.GetUtcNow() < giveUpAt)
            {
                LogRetrying(callEvent.CallId, progress.Kind, attempt, ex.GetType().Name, ex.Message);
                await Task.Delay(pause, time);
                pause = pause * 2 < MaxPause ? pause * 2 : MaxPause;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: event {Kind} not taken (attempt {Attempt}, {Error}: {Reason}); retrying")]
    private partial void LogRetrying(string callId, CallEventKind kind, int attempt, string error, string reason);
}
