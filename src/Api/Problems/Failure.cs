namespace ContactCenter.Api.Problems;

/// <summary>A classified failure.</summary>
/// <param name="Kind">What it means for the caller.</param>
/// <param name="Cause">The short type name of the exception that decided the kind, for problem details and logs (never its message, which may carry data).</param>
/// <param name="GrainType">The grain type whose storage failed, when the chain names it (e.g. <c>campaign</c>).</param>
/// <param name="GrainKey">That grain's key (e.g. the campaign id).</param>
public sealed record Failure(FailureKind Kind, string Cause, string? GrainType = null, string? GrainKey = null)
{
    /// <summary>One sentence for a list's <c>unreadable</c> entries: what went wrong, without the exception's message.</summary>
    public string Describe() => Kind switch
    {
        FailureKind.StateUnreadable => $"The stored state could not be read ({Cause}).",
        FailureKind.Unavailable => $"Temporarily unavailable ({Cause}); try again shortly.",
        FailureKind.Conflict => $"Changed concurrently ({Cause}); read it again.",
        _ => $"The read failed ({Cause}).",
    };
}
