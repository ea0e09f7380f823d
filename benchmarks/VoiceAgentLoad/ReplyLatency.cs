namespace ContactCenter.VoiceAgentLoad;

/// <summary>
/// End of the callee's speech to the first RTP packet of the agent's reply, per answer, from the capture. Our side's
/// ports are those that sent to sipp's media port; a packet from one of them is the agent's, a packet to one of them
/// the callee's. A callee utterance is a run of its packets with gaps under <see cref="UtteranceGap"/> (sipp sends
/// nothing between answers); the reply is the first agent packet after the utterance's last one that starts a burst
/// (no agent packet in the <see cref="BurstGap"/> before it), before the callee's next utterance.
/// </summary>
public static class ReplyLatency
{
    public const double UtteranceGap = 0.3;
    public const double BurstGap = 0.2;
    private const double LongestWait = 10;

    /// <param name="Latencies">Seconds from each answer's end to the agent's reply, in answer order per call.</param>
    /// <param name="Unanswered">Callee utterances with no agent reply before the callee spoke again or hung up.</param>
    /// <param name="Calls">Our RTP ports seen, one per call.</param>
    /// <param name="Utterances">Callee utterances seen.</param>
    /// <param name="GreetingDelays">
    /// Per call, the agent's first packet after the answer; the answer is taken as <paramref name="firstAnswerAfter"/>
    /// before the callee's first packet (the scenario's pause), as SIP is not in the capture.
    /// </param>
    /// <param name="Early">Calls whose callee spoke before the agent's first packet (its greeting started later than the callee's pause).</param>
    /// <param name="Overlapped">Callee utterances during which the agent was still sending (its prompt came late, or the callee barged in).</param>
    public sealed record Figures(IReadOnlyList<double> Latencies, IReadOnlyList<double> FirstAnswer, IReadOnlyList<double> SecondAnswer,
        int Unanswered, int Calls, int Utterances, IReadOnlyList<double> AnswerSeconds, IReadOnlyList<double> GreetingDelays, int Early, int Overlapped);

    public static Figures Measure(IReadOnlyList<RtpPacket> packets, int sippMediaPort, double firstAnswerAfter = 4.5)
    {
        var ours = packets.Where(p => p.DestinationPort == sippMediaPort).Select(p => p.SourcePort).ToHashSet();
        var agent = new Dictionary<int, List<double>>();
        var callee = new Dictionary<int, List<double>>();
        foreach (var p in packets)
        {
            if (ours.Contains(p.SourcePort)) Add(agent, p.SourcePort, p.Time);
            else if (ours.Contains(p.DestinationPort)) Add(callee, p.DestinationPort, p.Time);
        }
        var all = new List<double>();
        var first = new List<double>();
        var second = new List<double>();
        var lengths = new List<double>();
        var greetings = new List<double>();
        int unanswered = 0, utterances = 0, early = 0, overlapped = 0;
        foreach (var port in ours)
        {
            var sent = agent.GetValueOrDefault(port) ?? [];
            sent.Sort();
            var heard = callee.GetValueOrDefault(port) ?? [];
            heard.Sort();
            var said = Utterances(heard);
            if (sent.Count > 0 && said.Count > 0)
            {
                greetings.Add(sent[0] - (said[0].Start - firstAnswerAfter));
                if (sent[0] > said[0].Start) early++;
            }
            for (var i = 0; i < said.Count; i++)
            {
                utterances++;
                var (start, end) = said[i];
                lengths.Add(end - start);
                var during = sent.BinarySearch(start);
                during = during < 0 ? ~during : during;
                if (during < sent.Count && sent[during] <= end) overlapped++;
                var limit = i + 1 < said.Count ? said[i + 1].Start : end + LongestWait;
                var reply = FirstBurstAfter(sent, end);
                if (reply is not { } at || at >= limit)
                {
                    unanswered++;
                    continue;
                }
                all.Add(at - end);
                (i == 0 ? first : second).Add(at - end);
            }
        }
        return new Figures(all, first, second, unanswered, ours.Count, utterances, lengths, greetings, early, overlapped);
    }

    private static void Add(Dictionary<int, List<double>> byPort, int port, double time)
    {
        if (!byPort.TryGetValue(port, out var times)) byPort[port] = times = [];
        times.Add(time);
    }

    private static List<(double Start, double End)> Utterances(List<double> times)
    {
        var runs = new List<(double, double)>();
        for (var i = 0; i < times.Count;)
        {
            var j = i;
            while (j + 1 < times.Count && times[j + 1] - times[j] < UtteranceGap) j++;
            runs.Add((times[i], times[j]));
            i = j + 1;
        }
        return runs;
    }

    private static double? FirstBurstAfter(List<double> sent, double end)
    {
        var i = sent.BinarySearch(end);
        i = i < 0 ? ~i : i + 1;
        for (; i < sent.Count; i++)
        {
            if (i == 0 || sent[i] - sent[i - 1] >= BurstGap) return sent[i];
        }
        return null;
    }

    /// <summary>The p-th percentile (0-100) by nearest rank; NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
