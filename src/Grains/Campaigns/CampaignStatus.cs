namespace ContactCenter.Grains.Campaigns;

public enum CampaignStatus
{
    Draft,
    Running,
    Paused,
    Stopped,
    Completed,
}
