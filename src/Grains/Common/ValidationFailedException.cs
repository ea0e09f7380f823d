namespace ContactCenter.Grains.Common;

/// <summary>Input that breaks a rule of the entity, with one or more messages per field (HTTP 400).</summary>
[GenerateSerializer, Alias("cc.ValidationFailedException")]
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
    {
        Errors = errors.ToDictionary(e => e.Key, e => e.Value);
    }

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    [Id(0)] public Dictionary<string, string[]> Errors { get; init; }
}
