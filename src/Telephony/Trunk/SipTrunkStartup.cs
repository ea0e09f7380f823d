using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContactCenter.Telephony.Trunk;

/// <summary>Resolving the carrier binds the SIP and RTP sockets: at host start, not at the first call, so a bad address fails start-up.</summary>
internal sealed class SipTrunkStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TrunkCarrier>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
