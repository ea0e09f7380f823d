using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.AI;

namespace ContactCenter.Grains.Tests.Broadcast.Understanding;

public sealed class ChatClientIntentClassifierTests
{
    private static readonly IReadOnlyList<IntentDefinition> Intents = SampleScripts.Renewal().Intents;

    [Fact]
    public async Task Classify_ReadsJsonAnswerAndSendsIntentsWithExamples()
    {
        var model = new ScriptedChatClient(_ => "{\"intent\": \"callback\", \"confidence\": 0.83}");
        var classifier = new ChatClientIntentClassifier(model, goal: "renewal reminder");

        var match = await classifier.ClassifyAsync("ring me later", Intents);

        Assert.Equal("callback", match.Intent);
        Assert.Equal(0.83, match.Confidence, 6);
        var system = model.LastMessages![0].Text;
        Assert.Contains("- stop: \"stop calling me\"", system, StringComparison.Ordinal);
        Assert.Contains("renewal reminder", system, StringComparison.Ordinal);
        Assert.Equal("ring me later", model.LastMessages[1].Text);
        Assert.Equal(0f, model.LastOptions!.Temperature);
    }

    [Theory]
    [InlineData("Sure! ```json\n{\"intent\":\"YES\"}\n```", "yes")]
    [InlineData("{\"intent\": null, \"confidence\": 0}", null)]
    [InlineData("{\"intent\": \"dance\", \"confidence\": 0.9}", null)]
    [InlineData("I think the caller agrees", null)]
    [InlineData("{\"intent\": ", null)]
    public async Task Classify_ToleratesWrappedAndRejectsBadAnswers(string answer, string? expected)
    {
        var classifier = new ChatClientIntentClassifier(new ScriptedChatClient(_ => answer));

        var match = await classifier.ClassifyAsync("whatever", Intents);

        Assert.Equal(expected, match.Intent);
    }

    [Fact]
    public async Task Classify_FailingOrSlowModel_IsNoMatch()
    {
        var failing = new ChatClientIntentClassifier(new ScriptedChatClient(_ => throw new HttpRequestException("down")));
        var slow = new ChatClientIntentClassifier(new ScriptedChatClient(_ => "{}", delay: TimeSpan.FromSeconds(10)), timeout: TimeSpan.FromMilliseconds(50));

        Assert.Equal("model request failed", (await failing.ClassifyAsync("yes", Intents)).Evidence);
        Assert.Equal("model timed out", (await slow.ClassifyAsync("yes", Intents)).Evidence);
    }

    [Fact]
    public async Task Classify_CallerCancellation_Propagates()
    {
        var slow = new ChatClientIntentClassifier(new ScriptedChatClient(_ => "{}", delay: TimeSpan.FromSeconds(10)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.ClassifyAsync("yes", Intents, cts.Token));
    }

    /// <summary>The one fake allowed: no remote model is reachable from tests.</summary>
    private sealed class ScriptedChatClient(Func<IList<ChatMessage>, string> answer, TimeSpan? delay = null) : IChatClient
    {
        public IList<ChatMessage>? LastMessages { get; private set; }

        public ChatOptions? LastOptions { get; private set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastMessages = messages.ToList();
            LastOptions = options;
            if (delay is { } d)
            {
                await Task.Delay(d, cancellationToken);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(LastMessages)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
