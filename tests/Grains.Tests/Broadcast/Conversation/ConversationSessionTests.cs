using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Broadcast.Conversation;

public sealed class ConversationSessionTests
{
    // Tuesday 24 November 2026, 09:00 UTC.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    private ConversationSession NewSession(AgentScript? script = null) =>
        new(script ?? SampleScripts.Renewal(), SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), time);

    private async Task<AgentTurn> SayAsync(ConversationSession session, string text)
    {
        time.Advance(TimeSpan.FromSeconds(3));
        return await session.HandleAsync(CallerInput.Say(text));
    }

    [Fact]
    public async Task Start_SpeaksGreetingAndFirstQuestion()
    {
        var session = NewSession();

        var turn = await session.StartAsync();

        Assert.Equal("Hello, this is Ava calling from Acme Insurance. Your policy renews next month. Would you like to speak with an agent about it now?", turn.Spoken);
        Assert.Equal("offer", turn.WaitingAt);
        Assert.False(turn.IsComplete);
    }

    [Fact]
    public async Task Yes_ThenNumber_TransfersToNamedCampaign()
    {
        var session = NewSession();
        await session.StartAsync();

        var ask = await SayAsync(session, "yes please");
        var done = await SayAsync(session, "I have three of them");

        Assert.Equal("count", ask.WaitingAt);
        Assert.Equal("Please hold while I connect you.", done.Spoken);
        Assert.Equal("renewals-team", Assert.Single(done.Directives, d => d.Kind == DirectiveKind.Transfer).Campaign);
        Assert.False(done.Has(DirectiveKind.HangUp));
        var result = session.GetResult();
        Assert.Equal(ConversationOutcomes.Transferred, result.Outcome);
        Assert.Equal("XFER", result.Disposition);
        Assert.Equal("3", result.Slots["policies"]);
        Assert.Equal(["yes"], result.Intents);
        Assert.Equal(ActionType.Transfer, Assert.Single(result.Actions).Type);
    }

    [Fact]
    public async Task Dtmf_SelectsIntentAndFillsNumberSlot()
    {
        var session = NewSession();
        await session.StartAsync();

        var ask = await session.HandleAsync(CallerInput.Keys("1"));
        var done = await session.HandleAsync(CallerInput.Keys("12#"));

        Assert.Equal("count", ask.WaitingAt);
        Assert.True(done.Has(DirectiveKind.Transfer));
        Assert.Equal("12", session.GetResult().Slots["policies"]);
        Assert.Contains(session.GetResult().Transcript, t => t.Text == "[DTMF 1]" && t.Intent == "yes" && t.Confidence == 1);
    }

    [Fact]
    public async Task Callback_CollectsDateConfirmsAndSchedules()
    {
        var session = NewSession();
        await session.StartAsync();

        var when = await SayAsync(session, "can you call me back later");
        var confirm = await SayAsync(session, "next friday would be better");
        var done = await SayAsync(session, "yes that's right");

        Assert.Equal("when", when.WaitingAt);
        Assert.Equal("So we will call you on Friday, November 27. Is that right?", confirm.Spoken);
        var callback = Assert.Single(done.Directives, d => d.Kind == DirectiveKind.ScheduleCallback);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), callback.At);
        Assert.Equal("Thanks, we will call you then. Goodbye.", done.Spoken);
        Assert.Equal(DirectiveKind.HangUp, done.Directives[^1].Kind);
        var result = session.GetResult();
        Assert.Equal("callback", result.Outcome);
        Assert.Equal("CALLBK", result.Disposition);
        Assert.Equal("2026-11-27", result.Slots["day"]);
        Assert.Contains("Callback scheduled for 2026-11-27 10:00", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Branch_ElseLoopsBackWhenCallerDeniesDate()
    {
        var session = NewSession();
        await session.StartAsync();
        await SayAsync(session, "call me tomorrow");

        await SayAsync(session, "tomorrow");
        var again = await SayAsync(session, "no");

        Assert.Equal("when", again.WaitingAt);
        Assert.Equal("What day should we call you back?", again.Spoken);
    }

    [Fact]
    public async Task No_EndsWithScriptOutcomeAndClosing()
    {
        var session = NewSession();
        await session.StartAsync();

        var done = await SayAsync(session, "no thanks I'm not interested");

        Assert.True(done.IsComplete);
        Assert.Equal("Thank you for your time. Goodbye.", done.Spoken);
        Assert.Equal("NI", session.GetResult().Disposition);
    }

    [Fact]
    public async Task NoInput_RepromptsThenEndsWithNoResponse()
    {
        var session = NewSession();
        await session.StartAsync();

        var first = await session.HandleAsync(CallerInput.Silence);
        var second = await session.HandleAsync(CallerInput.Silence);
        var third = await session.HandleAsync(CallerInput.Silence);

        Assert.StartsWith("Sorry, I did not hear anything. Your policy renews", first.Spoken, StringComparison.Ordinal);
        Assert.Equal("offer", second.WaitingAt);
        Assert.True(third.IsComplete);
        Assert.True(third.Has(DirectiveKind.HangUp));
        Assert.Equal("NR", session.GetResult().Disposition);
    }

    [Fact]
    public async Task NoMatch_RepromptsThenEndsWithNoResponse()
    {
        var session = NewSession();
        await session.StartAsync();

        var first = await SayAsync(session, "my cat likes tuna fish");
        var second = await SayAsync(session, "purple bicycles in the garden");

        Assert.StartsWith("Sorry, I did not understand.", first.Spoken, StringComparison.Ordinal);
        Assert.Equal("offer", first.WaitingAt);
        Assert.True(second.IsComplete);
        Assert.Equal(ConversationOutcomes.NoResponse, session.GetResult().Outcome);
        Assert.Contains(session.GetResult().Transcript, t => t.Speaker == Speaker.Caller && t.Intent is null && t.Confidence < 0.4);
    }

    [Fact]
    public async Task MaxRetries_TakeFallbackNodeWhenConfigured()
    {
        var script = SampleScripts.Renewal() with { Retries = new RetryPolicy { MaxNoInput = 0, Fallback = "goodbye" } };
        var session = NewSession(script);
        await session.StartAsync();

        var done = await session.HandleAsync(CallerInput.Silence);

        Assert.Equal("Thank you for your time. Goodbye.", done.Spoken);
        Assert.Equal("not-interested", session.GetResult().Outcome);
    }

    [Fact]
    public async Task NumberOutOfRange_IsANoMatch()
    {
        var session = NewSession();
        await session.StartAsync();
        await SayAsync(session, "yes");

        var turn = await SayAsync(session, "fifty");

        Assert.Equal("count", turn.WaitingAt);
        Assert.StartsWith("Sorry, I did not understand. How many policies", turn.Spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalStop_DuringCollect_AddsToDoNotCall()
    {
        var session = NewSession();
        await session.StartAsync();
        await SayAsync(session, "call me back later");

        var done = await SayAsync(session, "stop calling me");

        Assert.True(done.Has(DirectiveKind.AddToDoNotCall));
        Assert.Equal("We have removed your number. Goodbye.", done.Spoken);
        var result = session.GetResult();
        Assert.Equal("DNC", result.Disposition);
        Assert.Equal(ActionType.DoNotCall, Assert.Single(result.Actions).Type);
        Assert.Contains("do-not-call", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalAgent_AtAsk_Transfers()
    {
        var session = NewSession();
        await session.StartAsync();

        var done = await SayAsync(session, "can I talk to a real person");

        Assert.True(done.Has(DirectiveKind.Transfer));
        Assert.Equal(["agent"], session.GetResult().Intents);
    }

    [Fact]
    public async Task CallerHangsUp_EndsWithHangupOutcome()
    {
        var session = NewSession();
        await session.StartAsync();

        var turn = await session.HandleAsync(CallerInput.HangUp);

        Assert.True(turn.IsComplete);
        Assert.Empty(turn.Directives);
        Assert.Equal("HUP", session.GetResult().Disposition);
    }

    [Fact]
    public async Task BargeIn_StopsPromptOnlyWhereAllowed()
    {
        var session = NewSession();
        await session.StartAsync();
        var stops = await session.HandleAsync(CallerInput.BargeIn);

        var strict = NewSession(SampleScripts.Renewal().WithNode("offer", n => n with { BargeIn = false }));
        await strict.StartAsync();
        var ignored = await strict.HandleAsync(CallerInput.BargeIn);

        Assert.Equal(DirectiveKind.StopPlayback, Assert.Single(stops.Directives).Kind);
        Assert.Equal("offer", stops.WaitingAt);
        Assert.Empty(ignored.Directives);
    }

    [Fact]
    public async Task Voicemail_LeavesMessageOrHangsUp()
    {
        var leave = NewSession();
        var turn = leave.StartVoicemail();
        var silent = NewSession(SampleScripts.Renewal() with { Voicemail = new VoicemailPolicy { Action = VoicemailAction.HangUp } });
        var hang = silent.StartVoicemail();

        Assert.StartsWith("Hi, this is Acme Insurance", turn.Spoken, StringComparison.Ordinal);
        Assert.Equal(DirectiveKind.HangUp, turn.Directives[^1].Kind);
        Assert.Equal("VM", leave.GetResult().Disposition);
        Assert.Equal(DirectiveKind.HangUp, Assert.Single(hang.Directives).Kind);
        await Assert.ThrowsAsync<InvalidOperationException>(() => leave.StartAsync());
    }

    [Fact]
    public async Task Transcript_IsTimestampedWithSentiment()
    {
        var session = NewSession();
        await session.StartAsync();
        await SayAsync(session, "this is really annoying, stop calling me");

        var result = session.GetResult();

        Assert.Equal(time.GetUtcNow() - TimeSpan.FromSeconds(3), result.StartedAt);
        Assert.Equal(time.GetUtcNow(), result.EndedAt);
        var caller = Assert.Single(result.Transcript, t => t.Speaker == Speaker.Caller);
        Assert.Equal(result.EndedAt, caller.At);
        Assert.Equal("stop", caller.Intent);
        Assert.Equal(SentimentLabel.Negative, caller.Sentiment!.Label);
        Assert.Equal(SentimentLabel.Negative, result.Sentiment.Label);
        Assert.True(result.Transcript.Zip(result.Transcript.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Contains("Renewal reminder call, 3 s: outcome dnc (disposition DNC). Caller said: stop.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misuse_GivesClearErrorsAndLateInputIsIgnored()
    {
        var session = NewSession();
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.HandleAsync(CallerInput.Silence));
        Assert.Throws<InvalidOperationException>(() => session.GetResult());
        var broken = SampleScripts.Renewal() with { Start = "nowhere" };
        var ex = Assert.Throws<ArgumentException>(() => NewSession(broken));
        Assert.Contains("Start node 'nowhere' does not exist", ex.Message, StringComparison.Ordinal);

        await session.StartAsync();
        await session.HandleAsync(CallerInput.HangUp);
        var late = await session.HandleAsync(CallerInput.Say("hello?"));

        Assert.Empty(late.Directives);
        Assert.True(late.IsComplete);
    }

    [Fact]
    public async Task InvalidDtmf_IsANoMatch()
    {
        var session = NewSession();
        await session.StartAsync();

        var turn = await session.HandleAsync(CallerInput.Keys("x!"));

        Assert.StartsWith("Sorry, I did not understand.", turn.Spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangupAction_EndsCall()
    {
        var script = SampleScripts.Renewal().WithNode("goodbye", n => new ScriptNode
        {
            Id = "goodbye",
            Kind = NodeKind.Action,
            Action = new ActionDefinition { Type = ActionType.Hangup, Outcome = "not-interested" },
        });
        var session = NewSession(script);
        await session.StartAsync();

        var done = await session.HandleAsync(CallerInput.Keys("2"));

        Assert.Equal(DirectiveKind.HangUp, Assert.Single(done.Directives).Kind);
        Assert.Equal("NI", session.GetResult().Disposition);
    }

    [Fact]
    public async Task UnrecognisedSpeech_IsANoMatch()
    {
        var session = NewSession();
        await session.StartAsync();

        var turn = await session.HandleAsync(CallerInput.Say(""));

        Assert.StartsWith("Sorry, I did not understand.", turn.Spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchOnIntent_RoutesByLastIntent()
    {
        var routed = SampleScripts.Renewal().WithNode("offer", n => n with
        {
            Branches = new Dictionary<string, string> { ["yes"] = "route", ["no"] = "route", ["callback"] = "route" },
        });
        var script = routed with
        {
            Nodes =
            [
                .. routed.Nodes,
                new ScriptNode
                {
                    Id = "route",
                    Kind = NodeKind.Branch,
                    Conditions = [new BranchCondition { Intent = "callback", Goto = "when" }, new BranchCondition { Intent = "yes", Goto = "count" }],
                    Else = "goodbye",
                },
            ],
        };
        Assert.True(AgentScriptValidator.IsRunnable(script));
        var callback = NewSession(script);
        var decline = NewSession(script);
        await callback.StartAsync();
        await decline.StartAsync();

        var toWhen = await callback.HandleAsync(CallerInput.Keys("3"));
        var toEnd = await decline.HandleAsync(CallerInput.Keys("2"));

        Assert.Equal("when", toWhen.WaitingAt);
        Assert.True(toEnd.IsComplete);
    }

    [Fact]
    public async Task CallbackWithDelayOnly_IsScheduledFromNow()
    {
        var script = SampleScripts.Renewal().WithNode("schedule", n => n with
        {
            Action = new ActionDefinition { Type = ActionType.Callback, Delay = TimeSpan.FromHours(2) },
        });
        var session = NewSession(script);
        await session.StartAsync();
        await session.HandleAsync(CallerInput.Keys("3"));
        await session.HandleAsync(CallerInput.Say("tomorrow"));

        var done = await session.HandleAsync(CallerInput.Keys("1"));

        Assert.Equal(time.GetUtcNow().AddHours(2), Assert.Single(done.Directives, d => d.Kind == DirectiveKind.ScheduleCallback).At);
    }

    [Fact]
    public async Task CallbackForAMomentAlreadyPast_IsInAnHour()
    {
        time.Advance(TimeSpan.FromHours(6));
        var session = NewSession();
        await session.StartAsync();
        await session.HandleAsync(CallerInput.Keys("3"));
        await session.HandleAsync(CallerInput.Say("today please"));

        var done = await session.HandleAsync(CallerInput.Say("yes"));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), Assert.Single(done.Directives, d => d.Kind == DirectiveKind.ScheduleCallback).At);
    }
}
