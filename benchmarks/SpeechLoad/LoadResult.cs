using System.Globalization;

namespace ContactCenter.SpeechLoad;

/// <summary>One load level's measurements.</summary>
internal sealed record LoadResult(
    string Recognizer,
    int Streams,
    int Utterances,
    int Correct,
    int Streamed,
    double P50Ms,
    double P95Ms,
    double MaxMs,
    double CpuPercent,
    double ResidentMb,
    int Decoders)
{
    public static string Header() =>
        "| recogniser | concurrent streams | utterances (correct, streamed) | end of utterance → result p50 / p95 / max | CPU (both cores) | resident memory | decoders |\n" +
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |";

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Recognizer} | {Streams} | {Utterances} ({Correct}, {Streamed}) | {P50Ms:0.0} / {P95Ms:0.0} / {MaxMs:0.0} ms | {CpuPercent:0} % | {ResidentMb:0} MB | {Decoders} |");
}
