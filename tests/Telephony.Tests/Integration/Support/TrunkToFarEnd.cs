using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>
/// The product's trunk carrier (<see cref="TrunkHarness"/>) dialing our own user agent (<see cref="FarEnd"/>), fresh for
/// each test: what the carrier tests of calls and of bridging share.
/// </summary>
public abstract class TrunkToFarEnd : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    protected FarEnd Far { get; private set; } = null!;
    protected TrunkHarness Trunk { get; private set; } = null!;

    protected ICarrier Carrier => Trunk.Carrier;

    public Task InitializeAsync()
    {
        Far = FarEnd.Start();
        Trunk = TrunkHarness.Start(Far.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Trunk.DisposeAsync();
        await Far.DisposeAsync();
    }

    /// <summary>Waits for the carrier to report <paramref name="kind"/> (on <paramref name="callId"/>, or on any call) and returns the first such event.</summary>
    protected async Task<CallEvent> WaitForEventAsync(CallEventKind kind, string? callId = null)
    {
        bool Matches(CallEvent e) => e.Kind == kind && (callId is null || e.CallId == callId);
        await Eventually.TrueAsync(() => Trunk.Events.Events.Any(Matches), callId is null ? kind.ToString() : $"{kind} on {callId}", Wait,
            () => string.Join(", ", Trunk.Events.Events));
        return Trunk.Events.Events.First(Matches);
    }
}
