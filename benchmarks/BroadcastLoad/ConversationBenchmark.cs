using System.Collections.Concurrent;
using System.Diagnostics;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>
/// (a) Simulated contacts through the conversation engine on text, in-process: one <see cref="ConversationSession"/> per
/// contact, the product's MiniLM embedding classifier and lexicon sentiment, replies from <see cref="LoadScript.Behaviours"/>.
/// </summary>
public static class ConversationBenchmark
{
    public sealed record Result(int Contacts, long Utterances, TimeSpan Wall, TimeSpan Cpu, int Workers, IReadOnlyDictionary<string, int> Dispositions)
    {
        /// <summary>Contacts per CPU-second, times 3600: what one fully busy core gets through in an hour.</summary>
        public double CallsPerHourPerCore => Contacts / Cpu.TotalSeconds * 3600;
        public double CallsPerHourWall => Contacts / Wall.TotalSeconds * 3600;
        public double CpuMsPerContact => Cpu.TotalMilliseconds / Contacts;
        public double CpuMsPerUtterance => Utterances == 0 ? 0 : Cpu.TotalMilliseconds / Utterances;
    }

    /// <summary>
    /// Runs <paramref name="contacts"/> contacts on <paramref name="workers"/> workers. Each worker has its own MiniLM
    /// instance: the product shares one per silo behind a lock, which would turn this into a one-core measurement.
    /// </summary>
    public static async Task<Result> RunAsync(int contacts, int workers, CancellationToken cancellationToken = default)
    {
        var script = AgentScriptParser.Parse(LoadScript.Yaml);
        var embedders = Enumerable.Range(0, workers).Select(_ => new MiniLmSentenceEmbedder()).ToList();
        try
        {
            var factories = embedders.Select(e => new ConversationSessionFactory(new EmbeddingIntentClassifier(e), new LexiconSentimentAnalyzer(), TimeProvider.System, NullLoggerFactory.Instance)).ToList();
            // Warm-up: model load, example embeddings, JIT. Not measured.
            foreach (var sessions in factories)
            {
                for (var i = 0; i < 30; i++) await RunContactAsync(sessions, script, i, cancellationToken);
            }

            var dispositions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            long utterances = 0;
            var next = -1;
            var cpu = CpuClock.Own;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(factories.Select(sessions => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < contacts; i = Interlocked.Increment(ref next))
                {
                    var (disposition, spoken) = await RunContactAsync(sessions, script, i, cancellationToken);
                    Interlocked.Add(ref utterances, spoken);
                    dispositions.AddOrUpdate(disposition, 1, (_, n) => n + 1);
                }
            }, cancellationToken)));
            wall.Stop();
            return new Result(contacts, utterances, wall.Elapsed, CpuClock.Own - cpu, workers, dispositions.ToDictionary(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var e in embedders) e.Dispose();
        }
    }

    private static async Task<(string Disposition, int Utterances)> RunContactAsync(ConversationSessionFactory sessions, AgentScript script, int contact, CancellationToken ct)
    {
        var replies = LoadScript.Behaviours[SimulatedCaller.Choose(11, contact, LoadScript.Behaviours.Length)];
        var session = sessions.Create(script);
        await SimulatedCaller.ConverseAsync(session, replies, ct);
        var result = session.GetResult();
        var spoken = result.Transcript.Count(t => t.Speaker == Speaker.Caller && !t.Text.StartsWith('[')); // "[DTMF 1]" needs no classifier
        return (result.Disposition, spoken);
    }
}
