using System.Diagnostics;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Grains.Tests.Sip.Support;

/// <summary>
/// One sipp UAS that answers <c>calls</c> calls, many at once, running a trunk_* scenario whose people speak phrases
/// rendered by espeak-ng (8 kHz µ-law WAVs in its own temp working folder, named after the phrase: "no thank you" is
/// no_thank_you.wav). sipp traces every SIP message it sends and receives, with times, to a message log read after it
/// exits (<see cref="ReadMessagesAsync"/>): the witness of who hung up each call and when.
/// </summary>
public sealed class SippCallees : IAsyncDisposable
{
    private readonly SippProcess sipp;
    private readonly string folder;

    private SippCallees(SippProcess sipp, string folder)
    {
        this.sipp = sipp;
        this.folder = folder;
    }

    public int Port => sipp.Port;

    public string Output => sipp.Output;

    private string MessageLog => Path.Combine(folder, "messages.log");

    /// <param name="scenario">A file of the Scenarios folder copied next to the tests.</param>
    /// <param name="phrases">What the people of the scenario say; each becomes its WAV.</param>
    /// <param name="calls">How many calls sipp takes before it exits.</param>
    /// <param name="timeout">sipp's own global timeout (it fails when calls are still up then).</param>
    public static async Task<SippCallees> StartAsync(string scenario, IEnumerable<string> phrases, int calls, TimeSpan timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-grains-sipp-callees-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var phrase in phrases)
        {
            var spoken = Path.Combine(folder, "spoken.wav");
            await RunAsync("espeak-ng", ["-w", spoken, phrase]);
            await RunAsync("sox", [spoken, "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, WavName(phrase))]);
        }
        var sipp = SippProcess.Start(
            ["-sf", Path.Combine(SippProcess.ScenarioDirectory, scenario), "-trace_msg", "-message_file", Path.Combine(folder, "messages.log")],
            workingDirectory: folder, timeout: timeout, calls: calls);
        await sipp.WaitUntilListeningAsync();
        return new SippCallees(sipp, folder);
    }

    /// <summary>The WAV file the scenario plays for <paramref name="phrase"/>.</summary>
    public static string WavName(string phrase) => phrase.ToLowerInvariant().Replace(' ', '_') + ".wav";

    /// <summary>Waits for sipp to finish all its calls; 0 means every call passed the scenario.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => sipp.WaitForExitAsync(timeout);

    /// <summary>The SIP messages sipp traced (complete once it has exited).</summary>
    public async Task<IReadOnlyList<SippMessageLog.Message>> ReadMessagesAsync() =>
        File.Exists(MessageLog) ? SippMessageLog.Parse(await File.ReadAllTextAsync(MessageLog)) : [];

    public async ValueTask DisposeAsync()
    {
        await sipp.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)) ?? throw new InvalidOperationException($"{tool} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} could not make the callees' audio (exit {process.ExitCode}).");
    }
}
