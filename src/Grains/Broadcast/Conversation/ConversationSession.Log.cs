using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Broadcast.Conversation;

public sealed partial class ConversationSession
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Caller input {Kind} arrived after the conversation ended; ignored")]
        public static partial void InputAfterEnd(ILogger logger, CallerInputKind kind);

        [LoggerMessage(Level = LogLevel.Error, Message = "Intent classifier failed at node {NodeId}; treating the answer as not understood")]
        public static partial void ClassifierFailed(ILogger logger, Exception exception, string? nodeId);

        [LoggerMessage(Level = LogLevel.Error, Message = "Script refers to missing node {NodeId}; ending the call")]
        public static partial void MissingNode(ILogger logger, string? nodeId);

        [LoggerMessage(Level = LogLevel.Error, Message = "Script loops without waiting for the caller near node {NodeId}; ending the call")]
        public static partial void LoopDetected(ILogger logger, string? nodeId);
    }
}
