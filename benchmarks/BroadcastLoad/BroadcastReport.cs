using System.Globalization;
using System.Text;

namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>The Markdown of the "## Broadcast" section.</summary>
public static class BroadcastReport
{
    public const string Heading = "## Broadcast";

    public static string Render(BenchmarkSettings settings, ConversationBenchmark.Result a, IReadOnlyList<SpeechBenchmark.Stage> stages, CapacityEstimate estimate)
    {
        var c = CultureInfo.InvariantCulture;
        var tts = stages[0];
        var stt = stages[1];
        var vad = stages[2];
        var classifier = stages[3];
        var classifierSeconds = classifier.CpuSeconds / classifier.Items;
        var s = new StringBuilder();
        s.AppendLine(c, $"`dotnet run -c Release --project benchmarks/BroadcastLoad -- --contacts {settings.Contacts} --workers {settings.Workers} --speech-rounds {settings.SpeechRounds}`")
         .AppendLine(c, $"on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}. CPU is process time (plus waited-for tool processes for speech), so other load on the machine does not inflate it.")
         .AppendLine()
         .AppendLine("### (a) Conversation engine on text")
         .AppendLine()
         .AppendLine("Each contact is one `ConversationSession` over the renewal script in `LoadScript.cs`, answered by one of nine simulated")
         .AppendLine("people (paraphrased words, DTMF, silence, hang-up) through `SimulatedCaller.ConverseAsync`, the same code the")
         .AppendLine("Broadcast dialer runs on the simulated carrier; intents by the product's MiniLM embedding classifier, lexicon sentiment, templated summary.")
         .AppendLine(c, $"{a.Workers} workers, each with its own MiniLM instance. \"calls/hour per core\" is contacts per CPU-second × 3600.")
         .AppendLine()
         .AppendLine("| contacts | caller utterances classified | wall | CPU | CPU per contact | CPU per utterance | calls/hour per core | calls/hour (wall, all workers) |")
         .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|")
         .AppendLine(c, $"| {a.Contacts:N0} | {a.Utterances:N0} | {a.Wall.TotalSeconds:F1} s | {a.Cpu.TotalSeconds:F1} s | {a.CpuMsPerContact:F2} ms | {a.CpuMsPerUtterance:F2} ms | {a.CallsPerHourPerCore:N0} | {a.CallsPerHourWall:N0} |")
         .AppendLine()
         .AppendLine(c, $"Dispositions: {string.Join(", ", a.Dispositions.OrderByDescending(d => d.Value).Select(d => $"{d.Key} {d.Value:N0}"))}.")
         .AppendLine()
         .AppendLine("### (b) Speech pipeline real-time factor")
         .AppendLine()
         .AppendLine("| stage | items | audio | CPU | CPU s per audio s | wall s per audio s | note |")
         .AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var st in stages.Take(3))
        {
            var note = st.Correct is { } ok ? $"{ok}/{st.Items} heard exactly" : "";
            s.AppendLine(c, $"| {st.Name} | {st.Items:N0} | {st.AudioSeconds:F1} s | {st.CpuSeconds:F2} s | {st.CpuRtf:F4} | {st.WallRtf:F4} | {note} |");
        }
        s.AppendLine(c, $"| {classifier.Name} | {classifier.Items:N0} | – | {classifier.CpuSeconds:F2} s | – | – | {classifierSeconds * 1000:F2} ms CPU per utterance |")
         .AppendLine()
         .AppendLine("### (c) Concurrent speech conversations on one 2-core node (estimate)")
         .AppendLine()
         .AppendLine(c, $"Method: a conversation second costs agent-speech share × uncached share × TTS RTF + caller-speech share × STT RTF + VAD RTF")
         .AppendLine(c, $"(every inbound 20 ms frame) + utterances per second × classifier CPU. Assumed conversation: the agent speaks {estimate.AgentSpeechShare:P0} of the time,")
         .AppendLine(c, $"the caller {estimate.CallerSpeechShare:P0}, {estimate.UtterancesPerMinute} answers a minute. Budget: {estimate.Cores} cores × {estimate.Utilisation:P0} utilisation (room for Orleans,")
         .AppendLine("PostgreSQL and bursts). Prompts are cached as µ-law files by text, so a script's fixed lines are synthesised once; only lines")
         .AppendLine("with slot values (dates) are new per call. Not included: RTP socket I/O and SIP signalling (measured by the media and SIP benchmarks).")
         .AppendLine()
         .AppendLine("| prompts synthesised per call | CPU s per conversation s | concurrent conversations |")
         .AppendLine("|---|---:|---:|");
        foreach (var (label, uncached) in new[] { ("all (no cache)", 1.0), ("20 % (slot-filled lines only)", 0.2), ("none (all cached)", 0.0) })
        {
            var cpu = estimate.CpuPerConversationSecond(tts.CpuRtf, uncached, stt.CpuRtf, vad.CpuRtf, classifierSeconds);
            s.AppendLine(c, $"| {label} | {cpu:F4} | {Math.Floor(estimate.Conversations(cpu)):N0} |");
        }
        s.AppendLine()
         .AppendLine("Caveats: the wall columns depend on what else runs on the machine; the CPU columns do not. (a) gives each worker its own")
         .AppendLine("MiniLM instance, while the product shares one per silo behind a lock (`MiniLmSentenceEmbedder`), so a silo classifies one")
         .AppendLine(c, $"utterance at a time: about {1 / classifierSeconds:N0} utterances/s, {60 / classifierSeconds / estimate.UtterancesPerMinute:N0} conversations at {estimate.UtterancesPerMinute} answers a minute, far above the speech limit.")
         .AppendLine("Speech recognition dominates; pocketsphinx starts one process per utterance, which is most of its cost on short answers.");
        return s.ToString();
    }
}
