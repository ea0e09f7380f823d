using System.Diagnostics;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Sip.Support;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Grains.Trunks;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>
/// One measured run in this process: a silo with the SIP trunk and a throwaway PostgreSQL, one sipp answering every
/// call, one warm-up conversation (text-to-speech cache, MiniLM, dictionary and grammar loaded as on a node that has
/// taken calls before), decoders preloaded up to the admission limit, then a Broadcast campaign of
/// <paramref name="calls"/> leads dialed at once (or evenly over <paramref name="spreadSeconds"/>), captured by tcpdump.
/// </summary>
public static class LoadRun
{
    private const string Trunk = "sip-voice-load";

    public static async Task<RunResult> RunAsync(int calls, int speechLimit, double spreadSeconds, Action<string> say)
    {
        var waves = (int)Math.Ceiling(calls / (double)Math.Min(calls, speechLimit));
        var runFor = TimeSpan.FromSeconds(60 + 25 * waves + spreadSeconds);
        await using var callees = await Callees.StartAsync(calls + 1, runFor + TimeSpan.FromSeconds(90));
        var warnings = new WarningCounter();
        await using var silo = await SipTrunkSilo.StartAsync("voice_agent_load", callees.Port, configure: s =>
        {
            s.Services.Configure<TrunkOptions>(o => o.Capacities[Trunk] = calls);
            s.Services.Configure<InProcessRecognitionOptions>(o =>
            {
                o.MaxConversations = speechLimit;
                o.MaxIdleDecoders = Math.Max(speechLimit, 1);
            });
            s.Services.AddSingleton<ILoggerProvider>(warnings);
        });
        var grains = silo.Grains;
        var leads = new LeadStore(silo.Database);
        var scriptId = "voice-load-" + Guid.NewGuid().ToString("N")[..8];
        await new AgentScriptStore(silo.Database).CreateAsync(scriptId, AgentScriptParser.Parse(LoadScript.Yaml), LoadScript.Yaml, ScriptFormat.Yaml);

        // Warm-up: one conversation, not measured.
        var warm = await StartCampaignAsync(grains, leads, scriptId, 1, 9000, 1000);
        await WaitSettledAsync(silo, warm.GetPrimaryKeyString(), 1, TimeSpan.FromSeconds(60));
        var warmCalls = await ReadCallsAsync(silo, warm.GetPrimaryKeyString());
        say($"warm-up call: {warmCalls.FirstOrDefault()?.Disposition ?? "none"}");
        var preloaded = await PreloadDecodersAsync(silo, Math.Min(calls, speechLimit));
        say($"decoders preloaded: {preloaded}");

        await using var capture = await RtpCapture.StartAsync(callees.Port);
        var loadAtStart = MachineLoad.LoadAverage();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuAtStart = process.TotalProcessorTime;
        say($"measured from {DateTime.Now:HH:mm:ss.fff}");
        var clock = Stopwatch.StartNew();
        var campaign = await StartCampaignAsync(grains, leads, scriptId, calls, 0, spreadSeconds > 0 ? calls / spreadSeconds : 1000);
        using var stopSampling = new CancellationTokenSource();
        var sampler = SampleAsync(campaign, stopSampling.Token);
        var settled = await WaitSettledAsync(silo, campaign.GetPrimaryKeyString(), calls, runFor);
        var wall = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuAtStart;
        await stopSampling.CancelAsync();
        var samples = await sampler;
        say($"{settled} of {calls} calls settled in {wall.TotalSeconds:0.0} s");

        try
        {
            var exit = await callees.WaitForExitAsync(TimeSpan.FromSeconds(20));
            if (exit != 0) say($"sipp exited with {exit}: {callees.Output}");
        }
        catch (TimeoutException)
        {
            say("sipp did not exit (calls still up)");
        }
        var packets = await capture.StopAsync();
        var figures = ReplyLatency.Measure(packets, callees.MediaPort);
        var records = await ReadCallsAsync(silo, campaign.GetPrimaryKeyString());
        var usage = await grains.GetGrain<ITrunkGrain>(Trunk).GetUsageAsync();
        var asExpected = records.Count(r => r.Disposition == LoadScript.ExpectedDisposition && r.Status == "Completed"
            && r.Intents.SequenceEqual(LoadScript.ExpectedIntents));
        foreach (var odd in records.Where(r => r.Disposition != LoadScript.ExpectedDisposition).Take(5))
        {
            say($"  call {odd.CallId}: {odd.Status} {odd.Outcome} {odd.Disposition} heard [{string.Join(",", odd.Intents)}] caller said: {odd.CallerWords}");
        }
        foreach (var w in warnings.First) say("  " + w);

        return new RunResult(
            calls, speechLimit,
            Completed: records.Count(r => r.Disposition is not null && r.EndedAt),
            Settled: settled,
            CompletedAsExpected: asExpected,
            Dispositions: records.GroupBy(r => r.Disposition ?? "(none)").ToDictionary(g => g.Key, g => g.Count()),
            PeakConcurrentCalls: usage.Peak,
            PeakSpeechConversations: samples.PeakSpeech,
            LimitedBy: string.Join("/", samples.LimitedBy),
            Replies: figures.Latencies.Count,
            Unanswered: figures.Unanswered,
            P50Ms: 1000 * ReplyLatency.Percentile(figures.Latencies, 50),
            P95Ms: 1000 * ReplyLatency.Percentile(figures.Latencies, 95),
            MaxMs: 1000 * ReplyLatency.Percentile(figures.Latencies, 100),
            FirstAnswerP50Ms: 1000 * ReplyLatency.Percentile(figures.FirstAnswer, 50),
            SecondAnswerP50Ms: 1000 * ReplyLatency.Percentile(figures.SecondAnswer, 50),
            AnswerSecondsMean: figures.AnswerSeconds.Count == 0 ? double.NaN : figures.AnswerSeconds.Average(),
            GreetingP50Ms: 1000 * ReplyLatency.Percentile(figures.GreetingDelays, 50),
            GreetingP95Ms: 1000 * ReplyLatency.Percentile(figures.GreetingDelays, 95),
            CalleeSpokeFirst: figures.Early,
            AnswersOverAgentAudio: figures.Overlapped,
            WallSeconds: wall.TotalSeconds,
            CpuSeconds: cpu.TotalSeconds,
            CpuShareOfBothCores: cpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount,
            PeakRssMb: MachineLoad.PeakRssMb(),
            LoadAtStart: loadAtStart,
            LoadMax: Math.Max(loadAtStart, samples.LoadMax),
            PacketsDropped: capture.DroppedByKernel,
            Warnings: warnings.Count,
            Notes: $"calls seen on the wire {figures.Calls}, callee utterances {figures.Utterances}, packets {packets.Count}");
    }

    private static async Task<ICampaignGrain> StartCampaignAsync(IGrainFactory grains, LeadStore leads, string scriptId, int count, int firstNumber, double callsPerSecond)
    {
        var list = await leads.CreateListAsync("voice load " + Guid.NewGuid().ToString("N")[..6], "US");
        for (var i = 0; i < count; i++)
        {
            var phone = $"+1212{3000000 + firstNumber + i:D7}";
            await leads.InsertAsync(new NewLead { ListId = list.Id, FirstName = "Lead", LastName = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = phone }, phone, "UTC");
        }
        var campaign = grains.GetGrain<ICampaignGrain>("voice-load-" + Guid.NewGuid().ToString("N")[..10]);
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = $"Voice agent load {count}", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [list.Id],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" }, AgentScriptId = scriptId,
            // At once: 1,000 calls/s fills a pacing turn with 250; the concurrency cap and trunk are the run's size.
            MaxCallsPerSecond = callsPerSecond, MaxConcurrentCalls = count, Trunk = Trunk, RingTimeoutSeconds = 10, AnsweringMachineDetection = false,
            Retry = new ContactCenter.Grains.Leads.RetryPolicy { MaxAttempts = 1 },
        });
        await campaign.StartAsync();
        return campaign;
    }

    /// <summary>
    /// Loads <paramref name="count"/> decoders into the idle pool by opening as many streams at once and decoding a
    /// short tone on each: a node that has held that many conversations has them loaded (about 250 ms of CPU each).
    /// </summary>
    private static async Task<int> PreloadDecodersAsync(TestSilo silo, int count)
    {
        var services = ((InProcessSiloHandle)silo.Cluster.Silos[0]).ServiceProvider;
        if (services.GetRequiredService<ISpeechRecognizer>() is not IStreamingSpeechRecognizer recognizer) return 0;
        var grammar = JsgfGrammar.Build("warm", Callees.Answers, PronunciationDictionary.Load());
        var tone = new short[PhoneAudio.SampleRate / 2];
        for (var i = 0; i < tone.Length; i++) tone[i] = (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / PhoneAudio.SampleRate));
        var streams = new List<ISpeechRecognitionStream>();
        try
        {
            for (var i = 0; i < count && recognizer.TryOpenStream(grammar) is { } stream; i++) streams.Add(stream);
            var decoding = streams.Select(s =>
            {
                s.StartUtterance();
                s.Write(tone);
                return s.EndUtteranceAsync();
            }).ToList();
            await Task.WhenAll(decoding);
            return streams.Count;
        }
        finally
        {
            foreach (var s in streams) s.Dispose();
        }
    }

    private static async Task<int> WaitSettledAsync(TestSilo silo, string campaignId, int calls, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        var settled = 0;
        while (deadline.Elapsed < limit)
        {
            await using var cmd = silo.Database.CreateCommand(
                "SELECT count(*) FROM call_records WHERE campaign_id = $1 AND disposition IS NOT NULL AND ended_at IS NOT NULL");
            cmd.Parameters.Add(new() { Value = campaignId });
            settled = (int)(long)(await cmd.ExecuteScalarAsync())!;
            if (settled >= calls) break;
            await Task.Delay(200);
        }
        return settled;
    }

    private sealed record CallRow(string CallId, string Status, string? Outcome, string? Disposition, bool EndedAt, IReadOnlyList<string> Intents, string CallerWords);

    private static async Task<IReadOnlyList<CallRow>> ReadCallsAsync(TestSilo silo, string campaignId)
    {
        await using var cmd = silo.Database.CreateCommand("""
            SELECT call_id, status, outcome, disposition, ended_at IS NOT NULL, CASE WHEN details = '{}'::jsonb THEN NULL ELSE details::text END
            FROM call_records WHERE campaign_id = $1
            """);
        cmd.Parameters.Add(new() { Value = campaignId });
        var rows = new List<CallRow>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var details = r.IsDBNull(5) ? null : JsonNode.Parse(r.GetString(5));
            var intents = details?["intents"]?.AsArray().Select(i => i!.GetValue<string>()).ToList() ?? [];
            var said = details?["transcript"]?.AsArray().Where(t => t?["speaker"]?.GetValue<string>() == "caller").Select(t => $"\"{t!["text"]}\"") ?? [];
            rows.Add(new CallRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4), intents,
                string.Join(", ", said)));
        }
        return rows;
    }

    private sealed record Samples(double LoadMax, int PeakSpeech, IReadOnlyList<string> LimitedBy);

    /// <summary>Every half second while the calls run: the load average and what the campaign's pacing said held it back.</summary>
    private static async Task<Samples> SampleAsync(ICampaignGrain campaign, CancellationToken stop)
    {
        double loadMax = 0;
        var peakSpeech = 0;
        var limitedBy = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            loadMax = Math.Max(loadMax, MachineLoad.LoadAverage());
            try
            {
                var stats = await campaign.GetStatsAsync();
                if (stats.Broadcast is { } pace)
                {
                    peakSpeech = Math.Max(peakSpeech, pace.SpeechConversationsActive ?? 0);
                    if (pace.LimitedBy is { } by && !limitedBy.Contains(by)) limitedBy.Add(by);
                }
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return new Samples(loadMax, peakSpeech, limitedBy);
    }
}
