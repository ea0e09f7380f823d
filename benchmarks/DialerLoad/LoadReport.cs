namespace ContactCenter.Benchmarks.DialerLoad;

public sealed record LoadReport(
    LoadSettings Settings,
    TimeSpan Measured,
    long Attempts,
    long Connected,
    long Failed,
    double AnswerToConnectP50Ms,
    double AnswerToConnectP99Ms,
    double ReadySecondsPerCall,
    double DialingSecondsPerCall,
    int MaxCallsInFlight,
    double CpuPercentOfOneCore,
    double PeakWorkingSetMb,
    double ManagedHeapMb,
    long ViolationsMoreCallsThanAgents)
{
    public void Print(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"Auto dialer load run: {Settings.Agents} agents, {Settings.Leads:N0} leads, ring {Settings.RingSeconds}s, talk {Settings.TalkSeconds}s, wrap-up {Settings.WrapUpSeconds}s, {Environment.ProcessorCount} cores");
        o.WriteLine("| metric | value |");
        o.WriteLine("| --- | --- |");
        o.WriteLine($"| measured window | {Measured.TotalSeconds:F0} s |");
        o.WriteLine($"| call attempts finished | {Attempts:N0} ({Attempts / Measured.TotalSeconds:F1}/s) |");
        o.WriteLine($"| connected calls completed | {Connected:N0} ({Connected / Measured.TotalSeconds:F1}/s) |");
        o.WriteLine($"| unanswered attempts (busy, no answer, voicemail) | {Failed:N0} |");
        o.WriteLine($"| answer-to-connect p50 / p99 | {AnswerToConnectP50Ms:F1} ms / {AnswerToConnectP99Ms:F1} ms |");
        o.WriteLine($"| agent idle (Ready) time per handled call | {ReadySecondsPerCall:F2} s |");
        o.WriteLine($"| agent waiting (Dialing) time per handled call | {DialingSecondsPerCall:F2} s |");
        o.WriteLine($"| max calls in flight / agents | {MaxCallsInFlight} / {Settings.Agents} |");
        o.WriteLine($"| samples with more calls in flight than agents | {ViolationsMoreCallsThanAgents} |");
        o.WriteLine($"| CPU (whole process, incl. PostgreSQL client work) | {CpuPercentOfOneCore:F0} % of one core |");
        o.WriteLine($"| peak working set / managed heap | {PeakWorkingSetMb:F0} MB / {ManagedHeapMb:F0} MB |");
    }
}
