using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Tests.Broadcast.Scripts;

public sealed class AgentScriptValidatorTests
{
    private static IReadOnlyList<ScriptIssue> Errors(AgentScript script) =>
        AgentScriptValidator.Validate(script).Where(i => i.Severity == IssueSeverity.Error).ToList();

    private static void AssertIssue(IReadOnlyList<ScriptIssue> issues, string path, string messagePart, IssueSeverity severity = IssueSeverity.Error) =>
        Assert.Contains(issues, i => i.Path == path && i.Severity == severity && i.Message.Contains(messagePart, StringComparison.Ordinal));

    [Fact]
    public void Validate_SampleScript_HasNoIssues()
    {
        Assert.Empty(AgentScriptValidator.Validate(SampleScripts.Renewal()));
        Assert.True(AgentScriptValidator.IsRunnable(SampleScripts.Renewal()));
    }

    [Fact]
    public void Validate_MissingStart_IsReported()
    {
        var issues = Errors(SampleScripts.Renewal() with { Start = "" });

        AssertIssue(issues, "start", "Missing start node");
    }

    [Fact]
    public void Validate_UnknownStart_IsReported()
    {
        AssertIssue(Errors(SampleScripts.Renewal() with { Start = "nowhere" }), "start", "'nowhere' does not exist");
    }

    [Fact]
    public void Validate_DanglingBranch_IsReportedWithPath()
    {
        var script = SampleScripts.Renewal().WithNode("offer", n => n with
        {
            Branches = new Dictionary<string, string> { ["yes"] = "count", ["no"] = "gone", ["callback"] = "when" },
        });

        var issues = Errors(script);

        AssertIssue(issues, "nodes[offer].branches.no", "Dangling branch: node 'gone'");
    }

    [Fact]
    public void Validate_UnknownIntent_IsReported()
    {
        var script = SampleScripts.Renewal().WithNode("offer", n => n with
        {
            Branches = new Dictionary<string, string> { ["maybe"] = "goodbye", ["yes"] = "count", ["callback"] = "when" },
        });

        AssertIssue(Errors(script), "nodes[offer].branches.maybe", "Unknown intent 'maybe'");
    }

    [Fact]
    public void Validate_UnreachableNode_IsAWarning()
    {
        var script = SampleScripts.Renewal().WithNode("offer", n => n with
        {
            Branches = new Dictionary<string, string> { ["yes"] = "count", ["no"] = "goodbye" },
        });

        var issues = AgentScriptValidator.Validate(script);

        AssertIssue(issues, "nodes[when]", "unreachable", IssueSeverity.Warning);
        AssertIssue(issues, "nodes[schedule]", "unreachable", IssueSeverity.Warning);
        Assert.DoesNotContain(issues, i => i.Path == "nodes[dnc]");
        Assert.True(AgentScriptValidator.IsRunnable(script));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Validate_RetriesOutOfRange_AreReported(int retries)
    {
        var script = SampleScripts.Renewal() with { Retries = new RetryPolicy { MaxNoInput = retries } };
        var nodeLevel = SampleScripts.Renewal().WithNode("when", n => n with { Retries = new RetryPolicy { MaxNoMatch = retries } });

        AssertIssue(Errors(script), "retries.maxNoInput", "between 0 and 5");
        AssertIssue(Errors(nodeLevel), "nodes[when].retries.maxNoMatch", "between 0 and 5");
    }

    [Fact]
    public void Validate_MissingFallbackNode_IsReported()
    {
        var script = SampleScripts.Renewal() with { Retries = new RetryPolicy { Fallback = "limbo" } };

        AssertIssue(Errors(script), "retries.fallback", "'limbo' does not exist");
    }

    [Fact]
    public void Validate_NodeRules_AreReportedPerKind()
    {
        var script = SampleScripts.Renewal()
            .WithNode("connect", n => n with { Prompt = null, Next = null })
            .WithNode("count", n => n with { Slot = "shoe-size" })
            .WithNode("transfer", n => n with { Action = new ActionDefinition { Type = ActionType.Transfer } })
            .WithNode("schedule", n => n with { Action = new ActionDefinition { Type = ActionType.Callback, DateSlot = "confirm" } })
            .WithNode("check", n => n with { Else = null, Conditions = [new BranchCondition { EqualTo = "x", Goto = "bye-dnc" }] });

        var issues = Errors(script);

        AssertIssue(issues, "nodes[connect].prompt", "needs a prompt");
        AssertIssue(issues, "nodes[connect].next", "Missing target");
        AssertIssue(issues, "nodes[count].slot", "Unknown slot 'shoe-size'");
        AssertIssue(issues, "nodes[transfer].action.campaign", "campaign");
        AssertIssue(issues, "nodes[schedule].action.dateSlot", "not a date slot");
        AssertIssue(issues, "nodes[check].conditions[0]", "must test a slot or an intent");
        AssertIssue(issues, "nodes[check].conditions[0].equalTo", "needs a slot");
        AssertIssue(issues, "nodes[check].else", "Missing target");
    }

    [Fact]
    public void Validate_IntentProblems_AreReported()
    {
        var script = SampleScripts.Renewal() with
        {
            Intents =
            [
                .. SampleScripts.Renewal().Intents,
                new IntentDefinition { Name = "YES", Examples = ["ja"] },
                new IntentDefinition { Name = "mute" },
                new IntentDefinition { Name = "pound", Dtmf = "1" },
                new IntentDefinition { Name = "star", Dtmf = "12" },
            ],
        };

        var issues = Errors(script);

        AssertIssue(issues, "intents[YES]", "defined twice");
        AssertIssue(issues, "intents[mute]", "can never be recognised");
        AssertIssue(issues, "intents[pound].dtmf", "already used by intent 'yes'");
        AssertIssue(issues, "intents[star].dtmf", "must be one of");
    }

    [Fact]
    public void Validate_GlobalIntentProblems_AreReported()
    {
        var script = SampleScripts.Renewal() with
        {
            GlobalIntents = new Dictionary<string, string> { ["shout"] = "dnc", ["stop"] = "void" },
        };

        var issues = Errors(script);

        AssertIssue(issues, "globalIntents.shout", "Unknown intent");
        AssertIssue(issues, "globalIntents.stop", "'void' does not exist");
    }

    [Fact]
    public void Validate_HeaderProblems_AreReported()
    {
        var script = SampleScripts.Renewal() with
        {
            Version = 0,
            Greeting = " ",
            Voicemail = new VoicemailPolicy { Action = VoicemailAction.LeaveMessage },
            Prompts = new Dictionary<string, string>(),
        };

        var issues = Errors(script);

        AssertIssue(issues, "version", "required");
        AssertIssue(issues, "greeting", "empty");
        AssertIssue(issues, "voicemail.message", "no message");
        AssertIssue(issues, "nodes[offer].prompt", "'offer' is not defined");
        AssertIssue(Errors(script with { Version = 2 }), "version", "newer");
    }

    [Fact]
    public void Validate_LoopWithoutWaiting_IsAnError()
    {
        var script = SampleScripts.Renewal()
            .WithNode("connect", n => n with { Next = "check" })
            .WithNode("check", n => n with { Else = "connect" });

        AssertIssue(Errors(script), "nodes[connect]", "Loop without waiting for the caller: connect → check → connect");
    }

    [Fact]
    public void Validate_UnmappedOutcome_IsAWarning()
    {
        var script = SampleScripts.Renewal().WithNode("goodbye", n => n with { Outcome = "declined" });

        AssertIssue(AgentScriptValidator.Validate(script), "dispositions", "'declined' has no disposition", IssueSeverity.Warning);
    }

    [Fact]
    public void Validate_DuplicateNodeIds_AreReported()
    {
        var script = SampleScripts.Renewal() with { Nodes = [.. SampleScripts.Renewal().Nodes, new ScriptNode { Id = "offer", Kind = NodeKind.End }] };

        AssertIssue(Errors(script), "nodes[offer]", "used twice");
    }

    [Fact]
    public void Issue_ToString_NamesSeverityPathAndMessage()
    {
        Assert.Equal("error: start: x", new ScriptIssue("start", "x").ToString());
    }
}
