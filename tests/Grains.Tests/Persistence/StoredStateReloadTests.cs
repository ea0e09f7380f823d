using System.Reflection;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace ContactCenter.Grains.Tests.Persistence;

/// <summary>
/// Grain state must load in a process other than the one that wrote it. The writer's type caches
/// know every type it wrote, so reading back in the writer proves nothing: these tests read with
/// the storage serializer of a freshly built silo host, whose caches are cold, exactly as a
/// restarted product or another silo of the cluster does.
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class StoredStateReloadTests(GrainsCluster fixture)
{
    /// <summary>Every grain type that persists, and the state it stores.</summary>
    private static readonly Dictionary<string, Type> StateTypes = new()
    {
        ["campaign"] = typeof(CampaignState),
        ["agent"] = typeof(AgentState),
        ["call"] = typeof(CallState),
        ["directory"] = typeof(DirectoryState),
    };

    [Fact]
    public async Task EveryStoredGrainState_LoadsInAFreshProcess_AndNamesNoCompilerHiddenType()
    {
        // A campaign with the default dispositions and assigned agents (both failed after a restart),
        // a logged-in agent that took a call, the call, and the directories.
        var (list, _) = await fixture.CreateListAsync(2);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, lists: [list.Id]);
        await campaign.AssignAgentsAsync([agent.GetPrimaryKeyString()]);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        await campaign.StartAsync();
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "the agent took a call", 20000);
        await campaign.PauseAsync();
        var created = (await campaign.GetAsync()).CreatedAt;
        // A Predictive campaign with every option that stores more than plain values (weekday hours, a local-presence
        // pool, a safe-harbor message, predictive settings), and its answered call awaiting a disposition.
        var predictiveCall = await PredictiveCallInWrapUpAsync();

        var rows = await ReadRowsAsync();
        var reader = FreshStorageSerializer(fixture.ConnectionString);
        var read = new HashSet<string>();
        foreach (var (grainType, json) in rows)
        {
            Assert.True(StateTypes.TryGetValue(grainType, out var type), $"a test covers the state of grain type '{grainType}'");
            Assert.DoesNotContain("<>z__", json, StringComparison.Ordinal);
            var state = Deserialize(reader, type, json);
            Assert.NotNull(state);
            if (state is CampaignState { Exists: true } stored && IsThisTestsCampaign(stored))
                Assert.Equal(Dispositions.DispositionSet.CreateDefaults().Select(d => d.Name), stored.Definition.Dispositions.Select(d => d.Name));
            if (state is CampaignState { Exists: true, Definition.DialerType: DialerType.Predictive } predictive && predictive.Definition.Name == PredictiveName)
            {
                Assert.Equal(["+12125550123", "+13105550123"], predictive.Definition.CallerIdPool!.Numbers.Select(n => n.Number));
                Assert.Equal(DayOfWeek.Sunday, Assert.Single(predictive.Definition.CallingWindow.Weekdays).Day);
                Assert.Equal(0.02, predictive.Definition.Predictive!.TargetAbandonRate);
                read.Add("predictive campaign");
            }
            if (state is CallState { Start: { } start, Call: { } call } && call.Id == predictiveCall)
            {
                Assert.True(start.ConnectOnAnswer);
                Assert.Equal(SafeHarbor, start.SafeHarborMessage);
                Assert.Equal(DayOfWeek.Sunday, Assert.Single(start.Window!.Weekdays).Day);
                Assert.StartsWith("local presence: area code +1212", start.CallerIdReason);
                Assert.NotNull(call.AnsweredAt);
                Assert.NotNull(start.Dispositions);
                read.Add("predictive call");
            }
            read.Add(grainType);
        }
        // The directories keep their entries in a table now; a row of their old state is moved on activation.
        Assert.Equal(StateTypes.Keys.Where(k => k != "directory").Concat(["predictive call", "predictive campaign"]).Order(), read.Order());

        bool IsThisTestsCampaign(CampaignState stored) => stored.CreatedAt == created;
    }

    private const string PredictiveName = "Reload: predictive";
    private const string SafeHarbor = "This was Acme calling. Call us back at 212 555 0000. To opt out, press 9.";

    /// <returns>The id of the call the agent is wrapping up.</returns>
    private async Task<string> PredictiveCallInWrapUpAsync()
    {
        var phone = "+1212" + Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = await fixture.Leads.CreateListAsync("reload predictive", "US");
        await fixture.Leads.InsertAsync(new ContactCenter.Grains.Leads.NewLead { ListId = list.Id, Phone = phone, State = "NY" }, phone, "UTC");
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(TestData.NewId("campaign"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = PredictiveName,
            DialerType = DialerType.Predictive,
            CallerId = "+12125550000",
            ListIds = [list.Id],
            CallingWindow = new ContactCenter.Grains.Pacing.CallingWindow { Start = "00:00", End = "23:59", Weekdays = [new(DayOfWeek.Sunday, "00:00", "23:59")] },
            CallerIdPool = new ContactCenter.Grains.Pacing.CallerIdPool { RestHours = 0, DailyCap = 100_000, Numbers = [new("+12125550123", "NY"), new("+13105550123", "CA")] },
            SafeHarborMessage = SafeHarbor,
            Predictive = new ContactCenter.Grains.Pacing.PredictiveSettings { TargetAbandonRate = 0.02 },
            Simulation = new CampaignSimulation { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 0.2 },
        });
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        await campaign.StartAsync();
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "the predictive call reached the agent", 20000);
        var callId = (await agent.GetAsync()).CurrentCallId!;
        await campaign.PauseAsync();
        return callId;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("<>z__ReadOnlyList`1[[System.String, System.Private.CoreLib]], ContactCenter.Grains")]
    public void CampaignStateWrittenByEarlierVersions_LoadsWithItsDispositionsAgentsAndLists(string? agentIdsType)
    {
        // A row as the product stored it before state types declared concrete collections: the
        // default dispositions under the compiler's hidden array type, the weekday overrides as an
        // array, and (from an agent assignment) the agent ids under the hidden list type.
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Persistence", "legacy-campaign-state.json"));
        Assert.Contains("<>z__ReadOnlyArray`1[[ContactCenter.Grains.Dispositions.Disposition", json, StringComparison.Ordinal);
        if (agentIdsType is not null)
            json = json.Replace("System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]], System.Private.CoreLib", agentIdsType, StringComparison.Ordinal);

        var state = (CampaignState?)Deserialize(FreshStorageSerializer(fixture.ConnectionString), typeof(CampaignState), json);

        Assert.NotNull(state);
        Assert.Equal(["Sale", "Not Interested", "Callback", "Wrong Number", "Do Not Call", "No Answer", "Busy", "Voicemail"], state.Definition.Dispositions.Select(d => d.Name));
        Assert.Equal([1L], state.Definition.ListIds);
        Assert.Equal(["alice"], state.Definition.AgentIds);
        Assert.Empty(state.Definition.CallingWindow.Weekdays);
    }

    /// <summary>
    /// Stored members are concrete: an interface lets the compiler pick a hidden type for a
    /// collection expression, and reading old arrays as lists is sound only while no member is an array.
    /// </summary>
    [Fact]
    public void StoredStateTypes_DeclareOnlyConcreteCollections()
    {
        var offenders = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var type in StateTypes.Values) Walk(type);
        Assert.Empty(offenders);

        void Walk(Type type)
        {
            if (!seen.Add(type)) return;
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) Walk(argument);
            if (type.Assembly != typeof(CampaignState).Assembly) return;
            foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Where(p => p.GetCustomAttribute<IdAttribute>() is not null))
            {
                var declared = Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
                if (declared.IsArray || declared.IsInterface)
                    offenders.Add($"{type.Name}.{member.Name} is declared as {declared.Name}");
                Walk(declared);
            }
        }
    }

    private async Task<List<(string GrainType, string Json)>> ReadRowsAsync()
    {
        await using var cmd = fixture.Database.CreateCommand("SELECT graintypestring, convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE payloadbinary IS NOT NULL");
        var rows = new List<(string, string)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetString(1)));
        return rows;
    }

    private static object? Deserialize(IGrainStorageSerializer serializer, Type type, string json)
    {
        var method = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize))!.MakeGenericMethod(type);
        try
        {
            return method.Invoke(serializer, [new BinaryData(json)]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new Xunit.Sdk.XunitException($"{type.Name} did not load in a fresh process: {ex.InnerException.Message}");
        }
    }

    /// <summary>The grain storage serializer of a silo host built as the product builds it, never started.</summary>
    private static IGrainStorageSerializer FreshStorageSerializer(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UsePostgresStorageAndReminders(connectionString));
        var services = builder.Build().Services;
        return services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(GrainStorage.Name).GrainStorageSerializer;
    }
}
