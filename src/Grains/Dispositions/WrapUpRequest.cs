namespace ContactCenter.Grains.Dispositions;

/// <summary>What an agent submits after a call.</summary>
[GenerateSerializer, Immutable, Alias("cc.WrapUpRequest")]
public sealed record WrapUpRequest(
    [property: Id(0)] string Disposition,
    [property: Id(1)] string? Notes = null,
    [property: Id(2)] List<string>? Tags = null,
    [property: Id(3)] DateTimeOffset? CallbackAt = null,
    [property: Id(4)] bool PersonalCallback = false);
