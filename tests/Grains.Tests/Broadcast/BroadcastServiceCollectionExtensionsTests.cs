using ContactCenter.Grains.Broadcast;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Grains.Tests.Broadcast;

public sealed class BroadcastServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBroadcastAgent_ResolvesAWorkingSessionFactory()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ISentenceEmbedder>(SharedEmbedder.Embedder);
        services.AddBroadcastAgent();
        await using var provider = services.BuildServiceProvider();

        var session = provider.GetRequiredService<ConversationSessionFactory>().Create(SampleScripts.Renewal());
        await session.StartAsync();
        var turn = await session.HandleAsync(CallerInput.Say("stop calling me"));

        Assert.True(turn.Has(DirectiveKind.AddToDoNotCall));
        Assert.IsType<EmbeddingIntentClassifier>(provider.GetRequiredService<IIntentClassifier>());
        Assert.IsType<EspeakTextToSpeech>(provider.GetRequiredService<ITextToSpeech>());
        // In process when libpocketsphinx loads (it does wherever test.sh installed pocketsphinx).
        Assert.IsType<InProcessSpeechRecognizer>(provider.GetRequiredService<ISpeechRecognizer>());
    }

    [Fact]
    public async Task AddBroadcastAgent_UsesChatClientOnlyWhenAskedAndRegistered()
    {
        var withChat = new ServiceCollection().AddLogging();
        withChat.AddSingleton<IChatClient>(_ => throw new InvalidOperationException("resolved only to prove the choice"));
        withChat.AddSingleton<ISentenceEmbedder>(SharedEmbedder.Embedder);
        withChat.AddBroadcastAgent(o => o.UseChatClient = true);
        var asked = new ServiceCollection().AddLogging();
        asked.AddSingleton<ISentenceEmbedder>(SharedEmbedder.Embedder);
        asked.AddBroadcastAgent(o => o.UseChatClient = true);
        await using var chatProvider = withChat.BuildServiceProvider();
        await using var plainProvider = asked.BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => chatProvider.GetRequiredService<IIntentClassifier>());
        Assert.IsType<EmbeddingIntentClassifier>(plainProvider.GetRequiredService<IIntentClassifier>());
    }
}
