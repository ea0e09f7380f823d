namespace ContactCenter.Grains.Campaigns;

[GenerateSerializer, Immutable, Alias("cc.CampaignSnapshot")]
public sealed record CampaignSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] CampaignDefinition Definition,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] List<string> LoggedInAgents);
