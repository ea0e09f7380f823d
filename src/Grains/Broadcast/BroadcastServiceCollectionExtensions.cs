using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Grains.Broadcast;

/// <summary>Registers the AI voice agent services.</summary>
public static class BroadcastServiceCollectionExtensions
{
    /// <summary>
    /// Adds sentence embeddings (MiniLM, loaded on first use), the intent classifier (embeddings, or the registered
    /// <see cref="IChatClient"/> when <see cref="BroadcastAgentOptions.UseChatClient"/> is set), lexicon sentiment,
    /// espeak-ng text to speech, pocketsphinx recognition and <see cref="ConversationSessionFactory"/>.
    /// Existing registrations of these services win.
    /// </summary>
    /// <exception cref="ArgumentException">The embedding classifier options are out of range.</exception>
    public static IServiceCollection AddBroadcastAgent(this IServiceCollection services, Action<BroadcastAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new BroadcastAgentOptions();
        configure?.Invoke(options);
        // Refused here, when the host is built, rather than on the first call's first answer.
        var problems = options.Embeddings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"{nameof(BroadcastAgentOptions.Embeddings)}: {string.Join(" ", problems)}", nameof(configure));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISentenceEmbedder, MiniLmSentenceEmbedder>();
        services.TryAddSingleton<ISentimentAnalyzer, LexiconSentimentAnalyzer>();
        services.TryAddSingleton<IIntentClassifier>(sp =>
            options.UseChatClient && sp.GetService<IChatClient>() is { } chat
                ? new ChatClientIntentClassifier(chat, goal: null, options.ChatTimeout, sp.GetService<ILogger<ChatClientIntentClassifier>>())
                : new EmbeddingIntentClassifier(sp.GetRequiredService<ISentenceEmbedder>(), options.Embeddings));
        services.TryAddSingleton<ITextToSpeech>(_ => new EspeakTextToSpeech(options.TextToSpeech));
        // In process (libpocketsphinx, streaming) when the library loads, else one process per utterance, with a warning.
        services.AddOptions<InProcessRecognitionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InProcessRecognitionOptions>, InProcessRecognitionOptionsValidator>());
        services.TryAddSingleton<ISpeechRecognizer>(sp => SpeechRecognizerFactory.Create(
            options.Recognition,
            sp.GetRequiredService<IOptions<InProcessRecognitionOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(SpeechRecognizerFactory))));
        services.TryAddSingleton(sp => SpeechRecognizerFactory.CapacityOf(sp.GetRequiredService<ISpeechRecognizer>()));
        services.TryAddSingleton<ConversationSessionFactory>();
        return services;
    }
}
