namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>One hostile request: what it varies, where it goes (already percent-encoded) and its body.</summary>
public sealed record FuzzRequest(FuzzOperation Operation, string Variant, string Target, byte[]? Body, string? ContentType)
{
    private const int LargeBody = 1024 * 1024;

    /// <summary>
    /// A NUL in the path is refused by Kestrel while it parses the request line (400, no body, the
    /// connection closed): the application never sees the request, so no problem details can be written.
    /// </summary>
    public bool KestrelRefuses => Target.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(Target, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            // As a well-behaved client does with a large body: the server can refuse it (413) before it is sent,
            // instead of closing the connection while the body is still on its way.
            if (Body.Length > LargeBody) message.Headers.ExpectContinue = true;
        }
        return message;
    }

    public override string ToString() => $"{Operation} [{Variant}]";
}
