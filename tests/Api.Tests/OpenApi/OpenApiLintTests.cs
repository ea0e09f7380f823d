using System.Diagnostics;
using ContactCenter.Api.Tests.Support;
using Xunit.Abstractions;

namespace ContactCenter.Api.Tests.OpenApi;

/// <summary>
/// Issue 13: the served OpenAPI document passes Redocly's recommended rules with no error. The linter
/// is pinned in tests/Api.Tests/OpenApiLint (package.json and its lock file) and installed there with
/// <c>npm ci</c> the first time.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiLintTests(ApiServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task ServedDocument_RedoclyRecommendedRules_NoErrors()
    {
        var folder = LintFolder();
        await InstallAsync(folder);
        var document = Path.Combine(Path.GetTempPath(), $"contact-center-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await server.Http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var (exitCode, text) = await RunAsync(folder, "node", Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"),
                "lint", document, "--extends=recommended", "--format=stylish", "--max-problems=500");
            output.WriteLine(text);
            Assert.True(exitCode == 0, $"Redocly found errors in the served OpenAPI document (exit code {exitCode}):\n{text}");
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static async Task InstallAsync(string folder)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", "@redocly", "cli", "package.json"))) return;
        var (exitCode, text) = await RunAsync(folder, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Assert.True(exitCode == 0, $"npm ci in {folder} failed ({exitCode}):\n{text}");
    }

    private static string LintFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "Api.Tests", "OpenApiLint");
            if (File.Exists(Path.Combine(folder, "package-lock.json"))) return folder;
        }
        throw new InvalidOperationException($"No tests/Api.Tests/OpenApiLint/package-lock.json above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No telemetry, no update check: the linter runs offline and says only what it found.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NPM_CONFIG_UPDATE_NOTIFIER"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
