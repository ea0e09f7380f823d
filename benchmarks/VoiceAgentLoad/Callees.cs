using System.Diagnostics;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>
/// One sipp UAS answering every call of a run with <c>voice_agent_callee.xml</c>. Its two answers are rendered at start
/// by espeak-ng and sox as 8 kHz µ-law WAVs with the silence before and after the speech cut off, so the last RTP
/// packet of an answer is where its speech ends. (tests/Grains.Tests' SippCallees renders untrimmed WAVs and does not
/// expose sipp's media port, which tells the two directions of RTP apart in the capture.)
/// </summary>
public sealed class Callees : IAsyncDisposable
{
    /// <summary>What every callee says, in order; the script's intent examples hold both.</summary>
    public static readonly string[] Answers = ["yes please", "no thank you"];

    private readonly SippProcess sipp;
    private readonly string folder;

    private Callees(SippProcess sipp, string folder)
    {
        this.sipp = sipp;
        this.folder = folder;
    }

    /// <summary>sipp's SIP port, the trunk's proxy.</summary>
    public int Port => sipp.Port;

    /// <summary>The port sipp's SDP offers for media: every RTP packet of our agent goes there.</summary>
    public int MediaPort => sipp.MediaPort;

    public string Output => sipp.Output;

    /// <param name="calls">Calls sipp answers before it exits.</param>
    /// <param name="timeout">sipp's global timeout.</param>
    public static async Task<Callees> StartAsync(int calls, TimeSpan timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-voice-agent-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var phrase in Answers)
        {
            var spoken = Path.Combine(folder, "spoken.wav");
            await RunAsync("espeak-ng", ["-w", spoken, phrase]);
            // silence 1 ... reverse silence 1 ... reverse: cut leading, then trailing, silence below 0.5 % of full scale.
            await RunAsync("sox", [spoken, "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, phrase.Replace(' ', '_') + ".wav"),
                "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"]);
        }
        var sipp = SippProcess.Start(["-sf", Path.Combine(SippProcess.ScenarioDirectory, "voice_agent_callee.xml")],
            workingDirectory: folder, timeout: timeout, calls: calls);
        await sipp.WaitUntilListeningAsync();
        return new Callees(sipp, folder);
    }

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
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} could not make the callees' audio (exit {process.ExitCode}).");
    }
}
