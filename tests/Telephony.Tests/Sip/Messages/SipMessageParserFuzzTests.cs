using System.Text;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

/// <summary>
/// Feeds the parser random and mutated messages. The property: it returns a message or raises
/// <see cref="SipParseException"/>, nothing else, and whatever it accepts writes and re-parses to
/// the same bytes.
/// </summary>
public sealed class SipMessageParserFuzzTests
{
    private const int Iterations = 100_000;

    private const string Structural = ";:,<>\"@ \t\r\n=[]?/\\";

    private static readonly string[] JunkHeaders =
    [
        "X-Junk: \u0001\u0002", "Via: SIP/2.0/UDP", "CSeq: -1 INVITE", "Content-Length: 99999999999", ": novalue",
        "From: <sip:@>", "To: \"", "Contact: *", "Route: <sip:a@b;lr>, <sip:c@d>", "Max-Forwards: 300", "l: 3",
        "v: SIP/2.0/TCP [::1]:5060;branch=z9hG4bKx", "i: ", "f: sip:x@y;tag", "m: <sip:a@b>;q=0.5,<sip:c@d>",
        "Via: SIP/2.0/UDP h;branch=\"quoted\"", "Subject: \u00e9t\u00e9", "t: <sip:a@b>;tag=1;tag=2",
    ];

    [Fact]
    public void Parse_RandomAndMutatedInput_OnlySucceedsOrThrowsParseError()
    {
        var random = new Random(20261124);
        var seeds = SampleMessages.All.Select(SampleMessages.Bytes).ToArray();
        var accepted = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Length)]);
            SipMessage? message;
            try
            {
                message = SipMessageParser.Parse(input, random.Next(4) == 0 ? SipParseOptions.Stream : SipParseOptions.Datagram);
            }
            catch (SipParseException)
            {
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i}: {ex.GetType().Name} {ex.Message}\n{Convert.ToBase64String(input)}");
                return;
            }

            accepted++;
            var written = message.ToBytes();
            var reparsed = SipMessageParser.Parse(written, SipParseOptions.Stream);
            Assert.Equal(written, reparsed.ToBytes());
        }

        // The mutations must leave a good share of valid messages, or the round-trip half proves nothing.
        Assert.InRange(accepted, Iterations / 20, Iterations);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            // Printable noise that starts like SIP reaches deeper into the parser.
            var prefix = Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "INVITE sip:a@b SIP/2.0\r\n" : "SIP/2.0 200 OK\r\n");
            return [.. prefix, .. bytes.Select(b => (byte)(b % 95 + 32))];
        }
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = new List<byte>(seed);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(7))
            {
                case 0: // flip one byte
                    data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
                case 1: // flip to a structural character
                    data[random.Next(data.Count)] = (byte)Structural[random.Next(Structural.Length)];
                    break;
                case 2: // truncate
                    {
                        var cut = random.Next(data.Count);
                        data.RemoveRange(cut, data.Count - cut);
                        break;
                    }
                case 3: // duplicate a slice
                    {
                        var start = random.Next(data.Count);
                        var length = Math.Min(random.Next(1, 60), data.Count - start);
                        data.InsertRange(random.Next(data.Count), data.GetRange(start, length));
                        break;
                    }
                case 4: // insert a junk header after the start line
                    {
                        var firstLf = data.IndexOf((byte)'\n');
                        if (firstLf >= 0) data.InsertRange(firstLf + 1, Encoding.UTF8.GetBytes(JunkHeaders[random.Next(JunkHeaders.Length)] + "\r\n"));
                        break;
                    }
                case 5: // delete one line
                    {
                        var text = Encoding.UTF8.GetString(data.ToArray()).Split('\n').ToList();
                        if (text.Count > 1) text.RemoveAt(random.Next(1, text.Count));
                        data = [.. Encoding.UTF8.GetBytes(string.Join('\n', text))];
                        break;
                    }
                default: // change case of a header name character
                    {
                        var idx = random.Next(data.Count);
                        if (data[idx] is >= (byte)'a' and <= (byte)'z') data[idx] -= 32;
                        break;
                    }
            }
        }
        return [.. data];
    }
}
