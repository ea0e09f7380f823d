using ContactCenter.Telephony.AgentPhones;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Simulation;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>"ContactCenter:Sip" in configuration turns into a running trunk carrier, or a clear start-up error.</summary>
public sealed class SipTrunkRegistrationTests
{
    private sealed class DiscardingSink : ICallEventSink
    {
        public Task OnCallEventAsync(CallEvent callEvent) => Task.CompletedTask;
    }

    private static IHost Build(Dictionary<string, string?> sip)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(sip.ToDictionary(p => $"{SipTrunkOptions.Section}:{p.Key}", p => p.Value));
        builder.Services.AddSingleton<ICallEventSink, DiscardingSink>();
        builder.Services.AddSingleton<ICarrier, SimulatedCarrier>();
        builder.Services.AddSipTrunk(builder.Configuration.GetSection(SipTrunkOptions.Section));
        return builder.Build();
    }

    [Fact]
    public async Task ValidSection_ReplacesTheSimulatedCarrier_AndBindsAtStart()
    {
        using var host = Build(new() { ["ProxyHost"] = "127.0.0.1", ["BindPort"] = "0", ["RtpPortMin"] = "0", ["RtpPortMax"] = "0", ["DefaultCallerId"] = "+12125550100" });
        await host.StartAsync();
        try
        {
            Assert.IsType<TrunkCarrier>(host.Services.GetRequiredService<ICarrier>());
            Assert.Same(host.Services.GetRequiredService<TrunkCarrier>().Agents, host.Services.GetRequiredService<IAgentPhoneChannels>());
            Assert.False(host.Services.GetRequiredService<IAgentPhoneChannels>().IsConnected("nobody"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task InvalidSection_FailsStartWithTheReason()
    {
        using var host = Build(new() { ["ProxyHost"] = "127.0.0.1", ["BindAddress"] = "0.0.0.0", ["Username"] = "dialer" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("BindAddress must be a concrete address", error.Message);
        Assert.Contains("Username and Password go together", error.Message);
    }
}
