using ContactCenter.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Tests.Hosting;

/// <summary>The limits are options of the node, checked before it starts.</summary>
public sealed class RequestLimitOptionsTests
{
    [Fact]
    public async Task UploadCapBelowItsFloor_FailsTheBuildNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ContactCenterApp.BuildAsync([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ContactCenter:Requests:MaxUploadBytes"] = "10", ["ContactCenter:DataDirectory"] = "/nonexistent/cc" })));

        Assert.Contains("ContactCenter:Requests:MaxUploadBytes:", error.Message);
    }

    [Fact]
    public void Defaults_AreOneMebibyteForBodiesAndTwoGibibytesForUploads()
    {
        var defaults = new RequestLimitOptions();
        RequestLimits.Validate(defaults);
        Assert.Equal((1024L * 1024, 2L * 1024 * 1024 * 1024), (defaults.MaxBodyBytes, defaults.MaxUploadBytes));
    }
}
