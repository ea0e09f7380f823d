using System.Diagnostics;
using System.Globalization;
using ContactCenter.SpeechRejection;
using ContactCenter.Telephony.Speech;
using ContactCenter.Telephony.Tests.Speech;

// Usage: dotnet run -c Release --project benchmarks/SpeechRejection [-- --phone-model none|PATH]
// Decodes the tuning and held-out sets with the grammar fit measured but nothing rejected, chooses the threshold on
// the tuning set, and prints precision and recall on the held-out set at that threshold and at the configured default.
var phoneModel = Arg("--phone-model", "none");
var options = new PocketSphinxOptions { PhoneModelPath = phoneModel == "none" ? null : phoneModel };
var limits = new InProcessRecognitionOptions { RejectOutOfGrammar = true, OutOfGrammarThreshold = -10 };
using var recognizer = new InProcessSpeechRecognizer(options, limits);
var grammar = JsgfGrammar.Build("renewal", RejectionPhrases.Grammar, PronunciationDictionary.Load());
if (grammar.Rejected.Count > 0)
{
    Console.Error.WriteLine($"Left out of the grammar: {string.Join("; ", grammar.Rejected)}");
}

var audio = new RejectionAudio(Directory.CreateTempSubdirectory("speech-rejection-").FullName);
var clock = Stopwatch.StartNew();
var limit = int.Parse(Arg("--limit", "100000"), CultureInfo.InvariantCulture);
var tuning = await audio.DecodeAsync(RejectionPhrases.Set(heldOut: false).Take(limit), recognizer, grammar);
var heldOut = await audio.DecodeAsync(RejectionPhrases.Set(heldOut: true).Take(limit), recognizer, grammar);
Console.Error.WriteLine($"decoded {tuning.Count + heldOut.Count} utterances in {clock.Elapsed.TotalSeconds:0.0} s");

var chosen = ThresholdSearch.Best(tuning);
var configured = InProcessRecognitionOptions.DefaultOutOfGrammarThreshold;
Console.WriteLine($"Phone loop: {phoneModel}; threshold chosen on the tuning set: {chosen.ToString("0.00", CultureInfo.InvariantCulture)}");
Console.WriteLine();
Console.WriteLine(RejectionTally.Header);
Console.WriteLine(RejectionTally.At(tuning, chosen).Row("tuning", chosen));
Console.WriteLine(RejectionTally.At(heldOut, chosen).Row("held-out", chosen));
Console.WriteLine(RejectionTally.At(heldOut, configured).Row("held-out (default)", configured));
Console.WriteLine(RejectionTally.At(heldOut, double.NegativeInfinity).Row("held-out, no rejection", -10));
Console.WriteLine();
Report.Distribution(tuning, "tuning");
Report.Distribution(heldOut, "held-out");
Report.Misses(heldOut, configured);

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
