namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>
/// No-input and no-match handling. Null members inherit from the script-level policy, then from the built-in defaults.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Largest allowed value of <see cref="MaxNoInput"/> and <see cref="MaxNoMatch"/>: a caller asked six times has gone.</summary>
    public const int MaxRetries = 5;

    /// <summary>How many times the prompt is repeated after silence before the fallback is taken.</summary>
    public int? MaxNoInput { get; init; }

    /// <summary>How many times the prompt is repeated after an answer that was not understood.</summary>
    public int? MaxNoMatch { get; init; }

    /// <summary>Said before repeating the prompt after silence.</summary>
    public string? NoInputPrompt { get; init; }

    /// <summary>Said before repeating the prompt after an answer that was not understood.</summary>
    public string? NoMatchPrompt { get; init; }

    /// <summary>Node taken when retries run out; when none is set anywhere the call ends with outcome <c>no-response</c>.</summary>
    public string? Fallback { get; init; }
}
