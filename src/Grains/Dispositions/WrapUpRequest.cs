namespace ContactCenter.Grains.Dispositions;

/// <summary>What an agent submits after a call.</summary>
/// <param name="WrapUpTimedOut">
/// Sent by the system, not the agent: the wrap-up ended without a disposition, so the campaign's
/// wrap-up-timeout disposition applies whatever <paramref name="Disposition"/> says (which stays
/// "No Disposition", for call grains of earlier versions that know only that name).
/// </param>
[GenerateSerializer, Immutable, Alias("cc.WrapUpRequest")]
public sealed record WrapUpRequest(
    [property: Id(0)] string Disposition,
    [property: Id(1)] string? Notes = null,
    [property: Id(2)] List<string>? Tags = null,
    [property: Id(3)] DateTimeOffset? CallbackAt = null,
    [property: Id(4)] bool PersonalCallback = false,
    [property: Id(5)] bool WrapUpTimedOut = false);
