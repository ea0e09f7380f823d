using System.Diagnostics;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>Runs the command-line tools (sox, espeak-ng) that tests use to make real audio.</summary>
public static class SoxTool
{
    /// <summary>Runs a program to completion (at most 30 s), returns its stdout, and throws with its stderr when it fails.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 30 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
        return stdout.Result;
    }

    /// <summary>A fresh file path in a per-run temporary folder.</summary>
    public static string TempPath(string extension)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-media-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
    }
}
