using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Grains.Tests.Sip.Support;

/// <summary>
/// Reads sipp's -trace_msg log: each message follows a line of dashes carrying sipp's local clock time, then a line
/// saying whether sipp sent or received it, then the SIP message itself. Lines of dashes without a time (sipp writes
/// some under load, e.g. for messages of calls already over) start no message and are skipped.
/// </summary>
public static partial class SippMessageLog
{
    /// <summary>One SIP message as sipp saw it.</summary>
    /// <param name="At">When sipp sent or received it.</param>
    /// <param name="SentBySipp">True for sipp's own messages, false for ours.</param>
    /// <param name="Method">The request's method; null for a response.</param>
    /// <param name="Status">The response's status code; 0 for a request.</param>
    /// <param name="To">The To header's value.</param>
    public sealed record Message(DateTimeOffset At, bool SentBySipp, string? Method, int Status, string CallId, string To);

    private const string Separator = "-----------------------------------------------";

    public static IReadOnlyList<Message> Parse(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var messages = new List<Message>();
        var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Header().Match(lines[i]) is not { Success: true } header) continue;
            // sipp writes its local time; DateTime.Parse takes it as local too.
            var at = new DateTimeOffset(DateTime.Parse($"{header.Groups[1].Value} {header.Groups[2].Value}", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal));
            if (i + 1 >= lines.Count) break;
            var sent = lines[i + 1].Contains(" sent ", StringComparison.Ordinal);
            var start = i + 2;
            while (start < lines.Count && lines[start].Length == 0) start++;
            if (start >= lines.Count) break;
            var startLine = lines[start];
            string? method = null;
            var status = 0;
            if (startLine.StartsWith("SIP/2.0 ", StringComparison.Ordinal)) status = int.Parse(startLine.Split(' ')[1], CultureInfo.InvariantCulture);
            else method = startLine.Split(' ')[0];
            string callId = "", to = "";
            for (var h = start + 1; h < lines.Count && lines[h].Length > 0 && !lines[h].StartsWith(Separator, StringComparison.Ordinal); h++)
            {
                var colon = lines[h].IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                var name = lines[h][..colon].Trim();
                var value = lines[h][(colon + 1)..].Trim();
                if (name.Equals("Call-ID", StringComparison.OrdinalIgnoreCase) || name == "i") callId = value;
                else if (name.Equals("To", StringComparison.OrdinalIgnoreCase) || name == "t") to = value;
            }
            messages.Add(new Message(at, sent, method, status, callId, to));
        }
        return messages;
    }

    [GeneratedRegex(@"^-{20,}\s+(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2}(?:\.\d+)?)")]
    private static partial Regex Header();
}
