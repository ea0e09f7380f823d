using System.ComponentModel.DataAnnotations;
using System.Net;
using ContactCenter.Telephony.Trunk;

namespace ContactCenter.Telephony.Tests.Integration;

public sealed class SipTrunkOptionsTests
{
    private static SipTrunkOptions Valid() => new() { ProxyHost = "sip.carrier.example", BindAddress = "127.0.0.1", DefaultCallerId = "+12125550100" };

    private static List<string> Problems(SipTrunkOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void Defaults_WithAProxy_AreValid() => Assert.Empty(Problems(Valid()));

    [Theory]
    [InlineData("BindAddress", "0.0.0.0", "concrete")]
    [InlineData("BindAddress", "not-an-ip", "not an IP address")]
    [InlineData("RtpAddress", "::", "wildcard")]
    [InlineData("DefaultCallerId", "555-1234", "E.164")]
    [InlineData("Transport", "sctp", "Transport")]
    [InlineData("ProxyHost", "bad host!", "ProxyHost")]
    public void BadSetting_IsReportedByName(string property, string value, string expected)
    {
        var options = Valid();
        typeof(SipTrunkOptions).GetProperty(property)!.SetValue(options, value);
        Assert.Contains(Problems(options), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ReversedRtpRange_AndHalfCredentials_AreReported()
    {
        var options = Valid();
        options.RtpPortMin = 30000;
        options.RtpPortMax = 20000;
        options.Username = "dialer";
        var problems = Problems(options);
        Assert.Contains(problems, p => p.Contains("port pair", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("go together", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_MapToStackCarrierAndRtpSettings()
    {
        var options = Valid();
        options.Transport = "TCP";
        options.ProxyPort = 5080;
        options.BindPort = 5070;
        options.Username = "dialer";
        options.Password = "secret";
        options.AnsweringMachineDetection = true;
        options.AmdMaxSeconds = 4;

        var stack = SipTrunkServiceCollectionExtensions.StackOptions(options);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5070), stack.Tcp);
        Assert.Equal("dialer", stack.UserAgent.Credentials!.UserName);
        var carrier = SipTrunkServiceCollectionExtensions.CarrierOptions(options);
        Assert.Equal("sip:sip.carrier.example:5080;transport=tcp", carrier.Trunk.ToString());
        Assert.True(carrier.DetectAnsweringMachine);
        Assert.Equal(TimeSpan.FromSeconds(4), carrier.Amd.TotalAnalysisTime);
        Assert.Equal(new RtpPortRange(IPAddress.Loopback, 20000, 29999), SipTrunkServiceCollectionExtensions.RtpRange(options));
    }
}
