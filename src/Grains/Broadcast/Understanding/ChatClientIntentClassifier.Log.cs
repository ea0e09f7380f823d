using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Broadcast.Understanding;

public sealed partial class ChatClientIntentClassifier
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Intent model did not answer within {TimeoutMs} ms")]
        public static partial void ModelTimedOut(ILogger logger, double timeoutMs);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Intent model request failed")]
        public static partial void ModelFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Intent model answer is not the expected JSON: {Answer}")]
        public static partial void UnreadableAnswer(ILogger logger, string answer);
    }
}
