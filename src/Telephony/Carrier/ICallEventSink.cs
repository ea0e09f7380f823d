namespace ContactCenter.Telephony.Carrier;

/// <summary>Receives call progress from a carrier. The silo routes each event to the call's grain.</summary>
public interface ICallEventSink
{
    Task OnCallEventAsync(CallEvent callEvent);
}
