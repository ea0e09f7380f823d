namespace ContactCenter.Api.Problems;

/// <summary>What a failed grain or database call means for the caller, decided from its exception chain.</summary>
public enum FailureKind
{
    /// <summary>Nothing we recognise: a defect, answered with 500.</summary>
    Other,

    /// <summary>The cluster or the database did not answer; the same request may work in a few seconds (503 + Retry-After).</summary>
    Unavailable,

    /// <summary>A grain's stored state exists but cannot be read (codec, type or storage read error); a retry does not help (503, names the entity).</summary>
    StateUnreadable,

    /// <summary>The stored state moved under the grain (an etag conflict); read again and retry (409).</summary>
    Conflict,
}
