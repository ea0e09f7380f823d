using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Events;

/// <summary>Reads a text/event-stream the way EventSource does: 'event:' and 'data:' lines, a blank line ends an event.</summary>
public sealed class SseReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public sealed record Event(string Type, JsonNode Data, DateTimeOffset ReceivedAt);

    public static async Task<SseReader> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event matching <paramref name="match"/>, skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<Event> NextAsync(Func<Event, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string type = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    var e = new Event(type, JsonNode.Parse(string.Join('\n', data))!, DateTimeOffset.UtcNow);
                    if (match(e)) return e;
                }
                type = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
