using System.Diagnostics;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>Both hosts read "ContactCenter" one way: bound, validated before the host is built, and again on start.</summary>
public sealed class ContactCenterOptionsTests
{
    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{ContactCenterOptions.Section}:{s.Key}", (string?)s.Value)));
        return builder;
    }

    [Theory]
    [InlineData("SiloPort", "0", "between 1 and 65535")]
    [InlineData("GatewayPort", "70000", "between 1 and 65535")]
    [InlineData("Mode", "Banana", "Mode")]
    [InlineData("Telephony", "Carrier pigeon", "Telephony")]
    [InlineData("ClusterId", "", "required")]
    public void BadValue_FailsBeforeTheHostIsBuilt_NamingTheKey(string key, string value, string rule)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Builder((key, value)).AddContactCenterOptions());

        Assert.Contains($"ContactCenter:{key}:", error.Message);
        Assert.Contains(rule, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ValueThatDoesNotConvert_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(("SiloPort", "eleven")).AddContactCenterOptions());

        Assert.Contains("ContactCenter:SiloPort", error.Message);
    }

    [Fact]
    public async Task GoodValues_AreReturnedAndServed_AndStillCheckedOnStart()
    {
        var builder = Builder(("SiloPort", "11112"), ("Mode", "Client"));
        var options = builder.AddContactCenterOptions();
        Assert.Equal(11112, options.SiloPort);
        Assert.True(options.IsClient);

        // A value that changes after the early check (a reloaded file) is caught by ValidateOnStart.
        builder.Configuration["ContactCenter:GatewayPort"] = "0";
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("GatewayPort", error.Message);
    }

    [Fact]
    public async Task StandaloneSilo_WithABadOption_ExitsWithTheReason_BeforeTouchingTheDatabase()
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "ContactCenter.Silo.dll");
        var workDir = Directory.CreateTempSubdirectory("cc-silo-options-");
        try
        {
            // Nothing listens on port 1: were the options checked after the database, the error would
            // be a connection failure instead (and no local PostgreSQL is started in the work dir either way).
            var info = new ProcessStartInfo("dotnet", [silo, "--ContactCenter:SiloPort=0", "--ConnectionStrings:ContactCenter=Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2"])
            {
                WorkingDirectory = workDir.FullName,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stderr + await stdout;

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("OptionsValidationException", output);
            Assert.Contains("ContactCenter:SiloPort: The field SiloPort must be between 1 and 65535.", output);
            Assert.False(Directory.Exists(Path.Combine(workDir.FullName, ".data")));
        }
        finally
        {
            workDir.Delete(recursive: true);
        }
    }
}
