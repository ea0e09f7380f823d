using System.Globalization;
using System.Text;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>The README table, one row per run.</summary>
public static class Report
{
    public static string Table(IReadOnlyList<RunResult> results)
    {
        var s = new StringBuilder();
        s.AppendLine("| calls | speech limit | load avg start / max | completed as expected | peak concurrent calls (speech) | end of speech → agent audio p50 / p95 / max | answers replied (unanswered) | answer → greeting p50 / p95 | CPU (both cores) | peak RSS | calls' wall time | held back by |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Calls} | {r.SpeechLimit} | {r.LoadAtStart:0.0} / {r.LoadMax:0.0} | {r.CompletedAsExpected} / {r.Calls} | {r.PeakConcurrentCalls} ({r.PeakSpeechConversations}) | {r.P50Ms:0} / {r.P95Ms:0} / {r.MaxMs:0} ms | {r.Replies} ({r.Unanswered}) | {r.GreetingP50Ms:0} / {r.GreetingP95Ms:0} ms | {100 * r.CpuShareOfBothCores:0} % | {r.PeakRssMb:0} MB | {r.WallSeconds:0.0} s | {(r.LimitedBy.Length == 0 ? "–" : r.LimitedBy)} |"));
        }

        return s.ToString();
    }
}
