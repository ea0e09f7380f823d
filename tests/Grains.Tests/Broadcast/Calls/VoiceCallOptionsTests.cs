using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

public sealed class VoiceCallOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        // The data source is only created, never opened, by these tests.
        services.AddContactCenterServices("Host=127.0.0.1;Port=1;Database=none");
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_TenMinuteCalls_AndTheRunnerHoldsConversationsToThem()
    {
        using var services = Services([]);

        Assert.Equal(TimeSpan.FromMinutes(10), services.GetRequiredService<IOptions<VoiceCallOptions>>().Value.MaxCallLength);
        Assert.Equal(TimeSpan.FromMinutes(10), services.GetRequiredService<VoiceCallRunner>().Options.MaxCallLength);
    }

    [Fact]
    public void Configuration_SetsTheMaximumCallLengthAndTheVoicemailWait()
    {
        using var services = Services(new()
        {
            ["ContactCenter:Broadcast:Voice:MaxCallLength"] = "00:30:00",
            ["ContactCenter:Broadcast:Voice:VoicemailGreeting:MaximumWait"] = "00:00:12",
        });

        var options = services.GetRequiredService<VoiceCallRunner>().Options;

        Assert.Equal(TimeSpan.FromMinutes(30), options.MaxCallLength);
        Assert.Equal(TimeSpan.FromSeconds(12), options.VoicemailGreeting.MaximumWait);
    }

    [Fact]
    public void Configuration_SetsHowManyConversationsStreamRecognition_AndRefusesNone()
    {
        using (var services = Services(new() { ["ContactCenter:Speech:Recognition:MaxConversations"] = "40" }))
            Assert.Equal(40, services.GetRequiredService<IOptions<ContactCenter.Telephony.Speech.InProcessRecognitionOptions>>().Value.MaxConversations);
        using (var services = Services(new() { ["ContactCenter:Speech:Recognition:MaxConversations"] = "0" }))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContactCenter.Telephony.Speech.InProcessRecognitionOptions>>().Value);
            Assert.Contains("MaxConversations", ex.Message);
        }
    }

    [Theory]
    [InlineData("ContactCenter:Broadcast:Voice:MaxCallLength", "00:00:01", "MaxCallLength")]
    [InlineData("ContactCenter:Broadcast:Voice:MaxCallLength", "1.00:00:00", "MaxCallLength")]
    [InlineData("ContactCenter:Broadcast:Voice:VoicemailGreeting:MaximumWait", "00:10:00", "MaximumWait")]
    public void OutOfRange_IsRefusedNamingTheSetting(string key, string value, string named)
    {
        using var services = Services(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VoiceCallOptions>>().Value);

        Assert.Contains(named, ex.Message);
        Assert.Contains(VoiceCallOptions.Section, ex.Message);
    }
}
