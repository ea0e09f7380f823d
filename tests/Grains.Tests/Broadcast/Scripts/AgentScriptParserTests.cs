using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Tests.Broadcast.Scripts;

public sealed class AgentScriptParserTests
{
    [Fact]
    public void Parse_Yaml_ReadsEveryPart()
    {
        var script = SampleScripts.Renewal();

        Assert.Equal(1, script.Version);
        Assert.Equal("offer", script.Start);
        Assert.Equal(12, script.Nodes.Count);
        Assert.Equal(NodeKind.Ask, script.FindNode("offer")!.Kind);
        Assert.Equal("count", script.FindNode("offer")!.Branches["yes"]);
        Assert.Equal(ActionType.DoNotCall, script.FindNode("dnc")!.Action!.Type);
        Assert.Equal(TimeSpan.FromHours(10), script.FindNode("schedule")!.Action!.TimeOfDay);
        Assert.Equal(SlotType.YesNo, script.FindSlot("confirm")!.Type);
        Assert.Equal(20m, script.FindSlot("policies")!.Max);
        Assert.Equal("9", script.FindIntent("stop")!.Dtmf);
        Assert.Equal(6, script.FindIntent("yes")!.Examples.Count);
        Assert.Equal(VoicemailAction.LeaveMessage, script.Voicemail.Action);
        Assert.Equal("NI", script.Dispositions["not-interested"]);
        Assert.Equal(2, script.FindNode("when")!.Retries!.MaxNoMatch);
        Assert.Equal("@offer", script.FindNode("offer")!.Prompt);
        Assert.StartsWith("Your policy renews", script.ResolvePrompt("@offer"));
    }

    [Fact]
    public void Parse_JsonWrittenFromYaml_GivesTheSameScript()
    {
        var yaml = SampleScripts.Renewal();

        var json = AgentScriptParser.ToJson(yaml);
        var back = AgentScriptParser.Parse(json);

        Assert.Contains("\"kind\": \"ask\"", json, StringComparison.Ordinal);
        Assert.Equal(json, AgentScriptParser.ToJson(back));
        Assert.Equal("renewals-team", back.FindNode("transfer")!.Action!.Campaign);
    }

    [Fact]
    public void Parse_HandWrittenJson_Works()
    {
        const string json = """
            {
              // comments are allowed
              "version": 1, "name": "t", "greeting": "Hi", "start": "bye",
              "nodes": [ { "id": "bye", "kind": "end", "closing": "Goodbye" } ],
            }
            """;

        var script = AgentScriptParser.Parse(json, ScriptFormat.Json);

        Assert.Equal(NodeKind.End, script.Nodes.Single().Kind);
        Assert.DoesNotContain(AgentScriptValidator.Validate(script), i => i.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void Parse_JsonUnknownMember_FailsWithPath()
    {
        const string json = """{ "version": 1, "nodes": [ { "id": "a", "kynd": "say" } ] }""";

        var ex = Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse(json));

        Assert.Contains("kynd", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonBadEnum_FailsClearly()
    {
        const string json = """{ "version": 1, "nodes": [ { "id": "a", "kind": "dance" } ] }""";

        var ex = Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse(json));

        Assert.Contains("$.nodes[0].kind", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlUnknownProperty_FailsWithLine()
    {
        const string yaml = "version: 1\nname: x\nnodez: []\n";

        var ex = Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse(yaml));

        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nodez", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlBadEnum_Fails()
    {
        const string yaml = "version: 1\nnodes:\n  - id: a\n    kind: dance\n";

        Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse(yaml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("null")]
    public void Parse_Empty_Fails(string text)
    {
        Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse(text));
    }

    [Fact]
    public void Parse_MalformedJson_Fails()
    {
        Assert.Throws<AgentScriptFormatException>(() => AgentScriptParser.Parse("{ \"version\": 1, "));
    }
}
