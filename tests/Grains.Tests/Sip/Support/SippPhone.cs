using System.Diagnostics;
using System.Globalization;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Grains.Tests.Sip.Support;

/// <summary>
/// A sipp UAS on 127.0.0.1 whose voice is answer.wav in its own temp working folder (a sox tone or
/// espeak-ng speech), running one of the trunk_* scenarios shared with Telephony.Tests. The process
/// itself is the Telephony tests' <see cref="SippProcess"/>; this adds only the audio and its folder.
/// </summary>
public sealed class SippPhone : IAsyncDisposable
{
    private readonly SippProcess sipp;
    private readonly string folder;

    private SippPhone(SippProcess sipp, string folder)
    {
        this.sipp = sipp;
        this.folder = folder;
    }

    public int Port => sipp.Port;

    /// <summary>sipp's RTP port.</summary>
    public int MediaPort => sipp.MediaPort;

    public string Output => sipp.Output;

    /// <param name="scenario">A file of the Scenarios folder copied next to the tests.</param>
    /// <param name="toneHz">The pitch of the phone's "voice".</param>
    public static Task<SippPhone> StartAsync(string scenario, double toneHz) =>
        StartAsync(scenario, folder => RunAsync("sox", ["-n", "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, "answer.wav"), "synth", "1", "sine", toneHz.ToString(CultureInfo.InvariantCulture), "vol", "0.5"]));

    /// <summary>A phone whose answer.wav is <paramref name="words"/> spoken by espeak-ng, as 8 kHz µ-law (a recorded caller reply).</summary>
    public static Task<SippPhone> StartSpeakingAsync(string scenario, string words) =>
        StartAsync(scenario, async folder =>
        {
            var spoken = Path.Combine(folder, "spoken.wav");
            await RunAsync("espeak-ng", ["-w", spoken, words]);
            await RunAsync("sox", [spoken, "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, "answer.wav")]);
        });

    /// <summary>A phone whose answer.wav is <paramref name="audio"/> (e.g. an answering machine's greeting and beep), as 8 kHz µ-law.</summary>
    public static Task<SippPhone> StartPlayingAsync(string scenario, AudioClip audio) =>
        StartAsync(scenario, folder =>
        {
            WavFile.WriteFile(Path.Combine(folder, "answer.wav"), audio, WavFormat.MuLaw);
            return Task.CompletedTask;
        });

    /// <summary>Waits for sipp to finish its one call; 0 means the scenario passed.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => sipp.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await sipp.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)) ?? throw new InvalidOperationException($"{tool} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} could not make the phone's audio (exit {process.ExitCode}).");
    }

    private static async Task<SippPhone> StartAsync(string scenario, Func<string, Task> makeAnswer)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-grains-sipp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await makeAnswer(folder);
        // rtp_stream paths in the scenarios are relative to the working folder, where answer.wav is.
        var sipp = SippProcess.Start(["-sf", Path.Combine(SippProcess.ScenarioDirectory, scenario)], workingDirectory: folder, timeout: TimeSpan.FromSeconds(30));
        await sipp.WaitUntilListeningAsync();
        return new SippPhone(sipp, folder);
    }
}
