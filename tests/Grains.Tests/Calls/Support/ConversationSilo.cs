using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace ContactCenter.Grains.Tests.Calls.Support;

/// <summary>
/// A silo whose Orleans response timeout is short (<see cref="ResponseTimeout"/>) and whose intent classifier can hold a
/// conversation at a gate: a conversation that lived inside a grain call could not outlast that timeout.
/// </summary>
public sealed class ConversationSilo : IAsyncLifetime
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    private TestSilo? silo;

    public TestSilo Silo => silo!;

    public GatedIntentClassifier Classifier { get; } = new();

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync("grains_conversation", s =>
        {
            s.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            s.Services.AddSingleton<IIntentClassifier>(sp =>
            {
                Classifier.Inner = new EmbeddingIntentClassifier(sp.GetRequiredService<ISentenceEmbedder>());
                return Classifier;
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
    }
}
