using System.Collections.Concurrent;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Simulation;

/// <summary>
/// A carrier with no network: each attempt rings, then ends the way the campaign's
/// <see cref="SimulationProfile"/> draws it (answered, busy, no answer, voicemail, failure),
/// and an answered call hangs up after the talk time. Driven by <see cref="TimeProvider"/>
/// timers so tests can run days of dialing under a fake clock.
/// </summary>
public sealed partial class SimulatedCarrier(ICallEventSink sink, TimeProvider time, ILogger<SimulatedCarrier> logger) : ICarrier, IDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedCall> calls = new();
    // One random stream per campaign and seed, so the same dialing order gives the same outcomes.
    private readonly ConcurrentDictionary<(string Campaign, int Seed), Random> streams = new();

    /// <summary>Calls currently ringing or talking.</summary>
    public int LiveCalls => calls.Count;

    public Task PlaceCallAsync(OutboundCallRequest request, CancellationToken cancellationToken = default)
    {
        var profile = request.Simulation ?? new SimulationProfile();
        var problems = profile.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(request));
        if (string.IsNullOrWhiteSpace(request.Destination)) throw new ArgumentException("A destination is required.", nameof(request));

        var fate = Draw(request.CampaignId, profile);
        var call = new SimulatedCall(request, profile);
        if (!calls.TryAdd(request.CallId, call)) throw new InvalidOperationException($"Call '{request.CallId}' is already placed.");
        LogPlaced(request.CallId, request.Destination, fate);

        var ringTimeout = request.RingTimeout ?? TimeSpan.FromSeconds(30);
        var ring = TimeSpan.FromSeconds(profile.RingSeconds);
        Emit(request.CallId, CallEventKind.Dialing);
        Emit(request.CallId, CallEventKind.Ringing);
        var (delay, step) = fate switch
        {
            CallOutcome.Answered or CallOutcome.Voicemail => (Min(ring, ringTimeout), fate == CallOutcome.Answered && ring <= ringTimeout ? (Action)(() => Answer(call)) : () => Fail(call, ring <= ringTimeout ? fate : CallOutcome.NoAnswer)),
            // A simulated no-answer rings for the profile's ring time (capped by the timeout), so trials stay quick.
            CallOutcome.NoAnswer => (Min(ring, ringTimeout), () => Fail(call, CallOutcome.NoAnswer)),
            CallOutcome.Busy => (Min(TimeSpan.FromSeconds(0.5), ring), () => Fail(call, CallOutcome.Busy)),
            _ => (TimeSpan.FromMilliseconds(200), () => Fail(call, fate)),
        };
        call.Timer = time.CreateTimer(_ => step(), null, delay, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task HangUpAsync(string callId, CancellationToken cancellationToken = default)
    {
        if (!calls.TryRemove(callId, out var call)) return Task.CompletedTask;
        call.Timer?.Dispose();
        Emit(callId, call.Answered ? CallEventKind.HungUp : CallEventKind.Failed, call.Answered ? CallOutcome.Answered : CallOutcome.Cancelled);
        return Task.CompletedTask;
    }

    public Task BridgeAsync(string callId, AgentEndpoint agent, CancellationToken cancellationToken = default)
    {
        if (!calls.TryGetValue(callId, out var call) || !call.Answered)
            throw new InvalidOperationException($"Call '{callId}' is not answered, so it cannot be bridged.");
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var call in calls.Values) call.Timer?.Dispose();
        calls.Clear();
    }

    private CallOutcome Draw(string campaignId, SimulationProfile p)
    {
        var random = streams.GetOrAdd((campaignId, p.Seed), key => new Random(HashCode.Combine(key.Seed, StableHash(key.Campaign))));
        double roll;
        lock (random) roll = random.NextDouble();
        var total = p.AnswerRate + p.BusyRate + p.NoAnswerRate + p.VoicemailRate + p.FailureRate;
        if (total <= 0) return CallOutcome.NoAnswer;
        roll *= total;
        foreach (var (rate, outcome) in new[] { (p.AnswerRate, CallOutcome.Answered), (p.BusyRate, CallOutcome.Busy), (p.NoAnswerRate, CallOutcome.NoAnswer), (p.VoicemailRate, CallOutcome.Voicemail) })
        {
            if (roll < rate) return outcome;
            roll -= rate;
        }
        return CallOutcome.CarrierError;
    }

    private void Answer(SimulatedCall call)
    {
        call.Answered = true;
        Emit(call.Request.CallId, CallEventKind.Answered, CallOutcome.Answered);
        call.Timer?.Dispose();
        call.Timer = time.CreateTimer(_ =>
        {
            if (calls.TryRemove(call.Request.CallId, out SimulatedCall? _)) Emit(call.Request.CallId, CallEventKind.HungUp, CallOutcome.Answered, "far end hung up");
        }, null, TimeSpan.FromSeconds(call.Profile.TalkSeconds), Timeout.InfiniteTimeSpan);
    }

    private void Fail(SimulatedCall call, CallOutcome outcome)
    {
        if (calls.TryRemove(call.Request.CallId, out SimulatedCall? _)) Emit(call.Request.CallId, CallEventKind.Failed, outcome);
    }

    private void Emit(string callId, CallEventKind kind, CallOutcome outcome = CallOutcome.None, string? detail = null)
    {
        var e = new CallEvent(callId, kind, time.GetUtcNow(), outcome, detail);
        // Events leave the timer thread at once; a slow grain must not hold up other calls' timers.
        _ = Task.Run(async () =>
        {
            try { await sink.OnCallEventAsync(e); }
            catch (Exception ex) { LogDeliveryFailed(ex, callId, kind); }
        });
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    private sealed class SimulatedCall(OutboundCallRequest request, SimulationProfile profile)
    {
        public OutboundCallRequest Request { get; } = request;
        public SimulationProfile Profile { get; } = profile;
        public ITimer? Timer { get; set; }
        public volatile bool Answered;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated call {CallId} to {Destination} will end {Fate}")]
    private partial void LogPlaced(string callId, string destination, CallOutcome fate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated call {CallId}: event {Kind} not delivered")]
    private partial void LogDeliveryFailed(Exception ex, string callId, CallEventKind kind);
}
