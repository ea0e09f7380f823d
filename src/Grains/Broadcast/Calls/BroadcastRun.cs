using ContactCenter.Grains.Broadcast.Conversation;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>A finished AI-agent conversation, ready for the call to act on.</summary>
/// <param name="Result">The engine's result.</param>
/// <param name="Details">What goes on the call record.</param>
/// <param name="TransferCampaign">The campaign the script transferred to, if it did.</param>
/// <param name="TransferFailedDisposition">The script's code for a transfer nobody took (<c>transfer-failed</c>), if mapped.</param>
public sealed record BroadcastRun(ConversationResult Result, ConversationDetails Details, string? TransferCampaign, string? TransferFailedDisposition);
