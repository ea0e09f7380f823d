using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Keeps every call event in order.</summary>
public sealed class RecordingCallEventSink : ICallEventSink
{
    private readonly List<CallEvent> events = [];

    public IReadOnlyList<CallEvent> Events
    {
        get { lock (events) return events.ToList(); }
    }

    public IReadOnlyList<CallEventKind> Kinds => Events.Select(e => e.Kind).ToList();

    public Task OnCallEventAsync(CallEvent callEvent)
    {
        lock (events) events.Add(callEvent);
        return Task.CompletedTask;
    }
}
