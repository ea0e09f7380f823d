namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>A transfer the AI agent asked for and what became of it.</summary>
/// <param name="Campaign">The campaign whose human agents were asked to take the call.</param>
/// <param name="AgentId">The agent who took it; null when none was Ready.</param>
/// <param name="Result"><c>connected</c>, or <c>no-agent</c> (then the script's <c>transfer-failed</c> disposition applies).</param>
public sealed record TransferRecord(string Campaign, string? AgentId, string Result)
{
    public const string Connected = "connected";
    public const string NoAgent = "no-agent";
}
