using ContactCenter.Grains.Tests.Support;
using ContactCenter.Silo.Hosting;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Configuration;

namespace ContactCenter.Grains.Tests.Sip.Support;

/// <summary>A <see cref="TestSilo"/> whose carrier is our SIP trunk, pointed at a sipp on 127.0.0.1 as its proxy.</summary>
public static class SipTrunkSilo
{
    /// <summary>
    /// Starts the silo (database <paramref name="name"/>) with the trunk bound to loopback on free ports and dialing
    /// <paramref name="proxyPort"/>; <paramref name="settings"/> adds or overrides <c>ContactCenter:Sip</c> keys,
    /// <paramref name="configure"/> adds to the silo after the trunk.
    /// </summary>
    public static Task<TestSilo> StartAsync(
        string name, int proxyPort, IReadOnlyDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ContactCenter:Sip:ProxyHost"] = "127.0.0.1",
            ["ContactCenter:Sip:ProxyPort"] = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ContactCenter:Sip:BindAddress"] = "127.0.0.1",
            ["ContactCenter:Sip:BindPort"] = "0",
            ["ContactCenter:Sip:RtpPortMin"] = "0",
            ["ContactCenter:Sip:RtpPortMax"] = "0",
            ["ContactCenter:Sip:DefaultCallerId"] = "+12125550100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var sip = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SipTrunkOptions.Section);
        return TestSilo.StartAsync(name, s =>
        {
            s.Services.AddSipTrunk(sip);
            configure?.Invoke(s);
        });
    }
}
