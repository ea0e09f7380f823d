using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Speech;

public static partial class SpeechRecognizerFactory
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Speech recognition in process (libpocketsphinx), up to {MaxConversations} streaming conversations on {Cores} cores")]
    private static partial void LogInProcess(ILogger logger, int maxConversations, int cores);

    [LoggerMessage(Level = LogLevel.Warning, Message = "libpocketsphinx could not be used in process ({Error}: {Reason}); falling back to one pocketsphinx process per utterance, which is slow under load")]
    private static partial void LogFallback(ILogger logger, string error, string reason);
}
