namespace ContactCenter.Grains.Campaigns;

/// <summary>What a campaign has done so far; kept in its state so a restart does not reset the dashboard.</summary>
[GenerateSerializer, Alias("cc.CampaignCounters")]
public sealed record CampaignCounters
{
    [Id(0)] public int Dialed { get; init; }
    [Id(1)] public int Answered { get; init; }
    [Id(2)] public int Connected { get; init; }
    [Id(3)] public int Abandoned { get; init; }
    [Id(4)] public int Busy { get; init; }
    [Id(5)] public int NoAnswer { get; init; }
    [Id(6)] public int Voicemail { get; init; }
    [Id(7)] public int Failed { get; init; }
    [Id(8)] public Dictionary<string, int> Dispositions { get; init; } = [];
    /// <summary>Connected to an agent, but later than the campaign's abandonAfterSeconds: counted in <see cref="Abandoned"/> too.</summary>
    [Id(9)] public int ConnectedLate { get; init; }
}
