using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>Delivers each carrier event to the grain of the call it belongs to.</summary>
public sealed class CallEventRouter(IGrainFactory grains) : ICallEventSink
{
    public Task OnCallEventAsync(CallEvent callEvent) => grains.GetGrain<ICallGrain>(callEvent.CallId).OnCarrierEventAsync(CallProgress.From(callEvent));
}
