using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Bridge;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Trunk;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.AgentPhones;

/// <summary>
/// Keeps one SIP call per logged-in agent (see <see cref="IAgentPhoneChannels"/>) on a
/// <see cref="SipUserAgent"/> whose media factory makes <see cref="RtpMediaEndpoint"/>s, and joins
/// customer calls to those legs with an <see cref="RtpBridge"/>.
/// </summary>
public sealed partial class AgentPhoneChannels(SipUserAgent userAgent, AgentPhoneChannelOptions options, ILoggerFactory loggerFactory) : IAgentPhoneChannels, IAsyncDisposable
{
    private readonly Dictionary<string, Task<AgentPhoneChannel>> channels = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly ILogger logger = loggerFactory.CreateLogger<AgentPhoneChannels>();
    private readonly ILogger<RtpBridge> bridgeLogger = loggerFactory.CreateLogger<RtpBridge>();

    public async Task EnsureConnectedAsync(string agentId, string sipUri, CancellationToken cancellationToken = default) =>
        await ConnectAsync(agentId, sipUri, cancellationToken);

    public async Task DisconnectAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        Task<AgentPhoneChannel>? pending;
        lock (gate)
        {
            if (!channels.Remove(agentId, out pending)) return;
        }
        AgentPhoneChannel channel;
        try
        {
            channel = await pending.WaitAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return; // it never came up
        }
        channel.DetachAll();
        await channel.Leg.HangUpAsync(cancellationToken);
        LogDisconnected(logger, agentId);
    }

    public bool IsConnected(string agentId) => Find(agentId) is { IsUp: true };

    /// <summary>
    /// Raised with the agent id when a channel ends without <see cref="DisconnectAsync"/> (the agent
    /// hung up the phone, or the network dropped it). A customer bridged at that moment hears nobody.
    /// </summary>
    public event Action<string>? ChannelDropped;

    /// <summary>The agent's live channel, or null.</summary>
    public AgentPhoneChannel? Find(string agentId)
    {
        lock (gate)
        {
            return channels.TryGetValue(agentId, out var task) && task.IsCompletedSuccessfully ? task.Result : null;
        }
    }

    /// <summary>Agents with a channel that is up.</summary>
    public int ConnectedCount
    {
        get
        {
            lock (gate) return channels.Values.Count(t => t.IsCompletedSuccessfully && t.Result.IsUp);
        }
    }

    /// <summary>
    /// Joins the established customer call <paramref name="customer"/> to the agent's channel,
    /// calling the agent first if there is no channel yet (<paramref name="sipUri"/> needed then).
    /// </summary>
    /// <exception cref="InvalidOperationException">The agent has no channel and no URI, or the phone did not answer.</exception>
    public async Task<RtpBridge> BridgeAsync(string agentId, string? sipUri, string customerCallId, RtpMediaEndpoint customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        AgentPhoneChannel channel;
        if (sipUri is null)
        {
            channel = Find(agentId) is { IsUp: true } live ? live : throw new InvalidOperationException($"Agent {agentId} has no phone channel and no SIP URI to call.");
        }
        else
        {
            channel = await ConnectAsync(agentId, sipUri, cancellationToken);
        }
        var bridge = channel.Attach(customerCallId, customer);
        LogBridged(logger, customerCallId, agentId);
        return bridge;
    }

    private async Task<AgentPhoneChannel> ConnectAsync(string agentId, string sipUri, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        var target = ParseUri(sipUri);
        Task<AgentPhoneChannel> task;
        AgentPhoneChannel? replaced = null;
        lock (gate)
        {
            if (!channels.TryGetValue(agentId, out task!) || !Usable(task, sipUri))
            {
                if (task is { IsCompletedSuccessfully: true } old && old.Result.IsUp) replaced = old.Result;
                task = DialAsync(agentId, sipUri, target);
                channels[agentId] = task;
            }
        }
        if (replaced is not null)
        {
            // The agent moved to another phone: the old leg goes.
            replaced.DetachAll();
            _ = replaced.Leg.HangUpAsync();
        }
        return await task.WaitAsync(cancellationToken);
    }

    // A channel being dialled or up, to the same phone, can be shared; anything else is redialled.
    private static bool Usable(Task<AgentPhoneChannel> task, string sipUri)
    {
        if (task.IsFaulted || task.IsCanceled) return false;
        if (!task.IsCompleted) return true;
        return task.Result.IsUp && string.Equals(task.Result.SipUri, sipUri, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<AgentPhoneChannel> DialAsync(string agentId, string sipUri, SipUri target)
    {
        // Not the caller's token: other callers may be waiting on the same dial.
        var leg = await userAgent.PlaceCallAsync(new SipCallRequest(target, options.CallerId)
        {
            CallId = $"agent/{agentId}/{Guid.NewGuid():N}",
            CallerDisplayName = options.CallerDisplayName,
            RingTimeout = options.RingTimeout,
        });
        var outcome = await leg.Setup;
        if (outcome != CallOutcome.Answered)
        {
            LogNotAnswered(logger, agentId, outcome);
            throw new InvalidOperationException($"Agent {agentId}'s phone did not answer ({outcome}).");
        }
        if (leg.Media is not RtpMediaEndpoint media)
        {
            await leg.HangUpAsync();
            throw new InvalidOperationException("Agent channels need RTP media endpoints (RtpMediaEndpointFactory).");
        }
        var channel = new AgentPhoneChannel(agentId, sipUri, leg, media, bridgeLogger);
        _ = leg.Ended.ContinueWith(_ => OnLegEnded(channel), TaskScheduler.Default);
        LogConnected(logger, agentId, PersonalData.MaskPhoneNumbersIn(sipUri)!);
        return channel;
    }

    private void OnLegEnded(AgentPhoneChannel channel)
    {
        channel.DetachAll();
        bool dropped;
        lock (gate)
        {
            // Still registered means nobody asked for it to end: DisconnectAsync removes it first.
            dropped = channels.TryGetValue(channel.AgentId, out var task) && task.IsCompletedSuccessfully && ReferenceEquals(task.Result, channel);
            if (dropped) channels.Remove(channel.AgentId);
        }
        LogLegEnded(logger, channel.AgentId, channel.Leg.Outcome);
        if (dropped) ChannelDropped?.Invoke(channel.AgentId);
    }

    private static SipUri ParseUri(string sipUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipUri);
        try
        {
            var uri = SipUri.Parse(sipUri);
            return uri.IsTel ? throw new ArgumentException($"'{sipUri}' is a tel: URI; an agent phone needs a SIP URI.", nameof(sipUri)) : uri;
        }
        catch (SipParseException ex)
        {
            throw new ArgumentException($"'{sipUri}' is not a SIP URI: {ex.Message}", nameof(sipUri), ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        string[] agents;
        lock (gate) agents = [.. channels.Keys];
        foreach (var agent in agents)
        {
            try
            {
                await DisconnectAsync(agent);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                LogDisconnectFailed(logger, agent, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} phone channel up ({SipUri})")]
    private static partial void LogConnected(ILogger logger, string agentId, string sipUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} phone did not answer: {Outcome}")]
    private static partial void LogNotAnswered(ILogger logger, string agentId, CallOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} phone channel ended ({Outcome})")]
    private static partial void LogLegEnded(ILogger logger, string agentId, CallOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} phone channel hung up")]
    private static partial void LogDisconnected(ILogger logger, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} phone channel did not hang up cleanly: {Reason}")]
    private static partial void LogDisconnectFailed(ILogger logger, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} bridged to agent {AgentId}")]
    private static partial void LogBridged(ILogger logger, string callId, string agentId);
}
