using ContactCenter.Benchmarks.BroadcastLoad;

var settings = BenchmarkSettings.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Console.WriteLine($"(a) {settings.Contacts:N0} simulated contacts through the conversation engine, {settings.Workers} workers...");
var conversations = await ConversationBenchmark.RunAsync(settings.Contacts, settings.Workers, cancel.Token);
Console.WriteLine("(b) speech pipeline...");
using var speech = new SpeechBenchmark();
var stages = new List<SpeechBenchmark.Stage>
{
    await speech.TextToSpeechAsync(settings.SpeechRounds, cancel.Token),
    await speech.SpeechToTextAsync(settings.SpeechRounds, cancel.Token),
    speech.VoiceActivity(600),
    await SpeechBenchmark.ClassifierAsync(20, cancel.Token),
};
var report = BroadcastReport.Render(settings, conversations, stages, CapacityEstimate.Default);
Console.WriteLine();
Console.WriteLine(report);
if (settings.ReadmePath is { } readme)
{
    ReadmeSection.Write(readme, BroadcastReport.Heading, report);
    Console.WriteLine($"Written to {readme} under '{BroadcastReport.Heading}'.");
}
