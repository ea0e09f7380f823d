using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>Creates a <see cref="ConversationSession"/> per answered call from the shared understanding services.</summary>
public sealed class ConversationSessionFactory(IIntentClassifier classifier, ISentimentAnalyzer sentiment, TimeProvider time, ILoggerFactory loggerFactory)
{
    /// <summary>A new session for one call.</summary>
    /// <param name="callerZone">The time zone of the person called (the lead's); null for the silo's own.</param>
    /// <exception cref="ArgumentException">The script has validation errors.</exception>
    public ConversationSession Create(AgentScript script, TimeZoneInfo? callerZone = null) =>
        new(script, classifier, sentiment, time, loggerFactory.CreateLogger<ConversationSession>(), callerZone);
}
