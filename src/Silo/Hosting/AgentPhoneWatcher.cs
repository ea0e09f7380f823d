using ContactCenter.Grains.Agents;
using ContactCenter.Telephony.AgentPhones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Silo.Hosting;

/// <summary>
/// When an agent's phone hangs up by itself, the agent is paused ("PhoneDisconnected") so no
/// customer is bridged to a phone that is not there; marking Ready again calls the phone back.
/// </summary>
public sealed partial class AgentPhoneWatcher(AgentPhoneChannels channels, IGrainFactory grains, ILogger<AgentPhoneWatcher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        channels.ChannelDropped += OnDropped;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        channels.ChannelDropped -= OnDropped;
        return Task.CompletedTask;
    }

    private void OnDropped(string agentId) => _ = PauseAsync(agentId);

    private async Task PauseAsync(string agentId)
    {
        try
        {
            await grains.GetGrain<IAgentGrain>(agentId).PhoneDroppedAsync();
        }
        catch (Exception ex)
        {
            LogNotPaused(ex, agentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId}: phone hung up, but the agent could not be paused")]
    private partial void LogNotPaused(Exception ex, string agentId);
}
