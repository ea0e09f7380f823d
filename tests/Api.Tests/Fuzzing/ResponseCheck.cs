using System.Net;
using System.Text.Json;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// The rules every answer must keep: never a 5xx; a 4xx is RFC 9457 problem details
/// (<c>application/problem+json</c>, a JSON object whose status is the response's); a JSON body is
/// complete; any body can be read to its end.
/// </summary>
public static class ResponseCheck
{
    /// <summary>Far longer than any answer should take; a request still waiting then is a failure, not a hung test.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<FuzzVerdict> SendAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        // A request that got no answer at all (the connection closed under it: the server closes after
        // refusing a request line or an oversized body) is sent once more on a fresh connection; only
        // a second silence counts.
        var verdict = await SendOnceAsync(http, request, cancellation);
        return verdict.Status == 0 ? await SendOnceAsync(http, request, cancellation) : verdict;
    }

    private static async Task<FuzzVerdict> SendOnceAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        using var message = request.ToMessage();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Patience);
        var ct = timeout.Token;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            return new FuzzVerdict(request, 0, $"no answer: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new FuzzVerdict(request, 0, $"no answer within {Patience.TotalSeconds:N0} s");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            // An event stream ends when the client leaves; its status and type are the answer.
            if (status < 400 && response.Content.Headers.ContentType?.MediaType == "text/event-stream") return new FuzzVerdict(request, status, null);
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return new FuzzVerdict(request, status, $"{status} with a body cut off: {ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return new FuzzVerdict(request, status, $"{status} with a body not finished within {Patience.TotalSeconds:N0} s");
            }
            return Judge(request, response, status, body);
        }
    }

    private static FuzzVerdict Judge(FuzzRequest request, HttpResponseMessage response, int status, byte[] body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500) return new FuzzVerdict(request, status, $"{status}: {Excerpt(body)}");
        if (request.KestrelRefuses && status == (int)HttpStatusCode.BadRequest && body.Length == 0 && response.Headers.ConnectionClose == true)
            return new FuzzVerdict(request, status, null, RefusedByKestrel: true);
        if (status >= 400)
        {
            if (mediaType != "application/problem+json") return new FuzzVerdict(request, status, $"{status} as {mediaType ?? "no content type"}: {Excerpt(body)}");
            var problem = Parse(body);
            if (problem is not { ValueKind: JsonValueKind.Object } p) return new FuzzVerdict(request, status, $"{status} problem details that do not parse: {Excerpt(body)}");
            if (!p.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
                return new FuzzVerdict(request, status, $"{status} problem details with another status: {Excerpt(body)}");
            if (!p.TryGetProperty("title", out var t) || t.ValueKind != JsonValueKind.String)
                return new FuzzVerdict(request, status, $"{status} problem details without a title: {Excerpt(body)}");
            return new FuzzVerdict(request, status, null);
        }
        if (mediaType is not null && (mediaType.EndsWith("/json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)) && Parse(body) is null)
            return new FuzzVerdict(request, status, $"{status} with JSON that does not parse ({body.Length:N0} bytes): {Excerpt(body)}");
        return new FuzzVerdict(request, status, null);
    }

    private static JsonElement? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
        return body.Length == 0 ? "(no body)" : text.ReplaceLineEndings(" ");
    }
}
