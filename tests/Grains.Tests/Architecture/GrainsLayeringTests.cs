using System.Reflection;
using ContactCenter.Telephony.Tests.Sip.Architecture;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Pacing;

namespace ContactCenter.Grains.Tests.Architecture;

/// <summary>
/// The Grains project is layered: shared kernel (Common) → rules and stores of one concept each
/// (Dispositions, Leads, Pacing) → the grains that talk to each other (Agents, Calls, Campaigns, ...).
/// A layer may use the ones below it and never one above; the pacing algorithms know no grain at all,
/// so they run under a fake clock without a cluster. Checked on every member signature, field and base type.
/// </summary>
public sealed class GrainsLayeringTests
{
    private const string Root = "ContactCenter.Grains.";

    private static readonly string[][] Layers =
    [
        ["Common"],
        ["Dispositions", "Leads", "Pacing"],
        ["Agents", "Calls", "Campaigns", "Trunks", "Broadcast", "Floor", "Recovery"],
    ];

    private static readonly Assembly Grains = typeof(CampaignGrain).Assembly;

    [Fact]
    public void NoLayerReferencesALayerAboveIt()
    {
        var violations = new List<string>();
        foreach (var type in OwnTypes())
        {
            var own = LayerOf(type);
            if (own < 0) continue;
            violations.AddRange(ReferencedTypes(type).Where(used => LayerOf(used) > own).Select(used => $"{type.FullName} uses {used.FullName}"));
        }
        Assert.Empty(violations.Distinct());
    }

    [Fact]
    public void EveryNamespaceOfTheProjectHasALayer()
    {
        var unplaced = OwnTypes().Where(t => t.Namespace?.StartsWith(Root, StringComparison.Ordinal) == true && LayerOf(t) < 0)
            .Select(t => t.Namespace).Distinct().ToList();
        Assert.Empty(unplaced);
    }

    [Fact]
    public void PacingKnowsNoGrainNorOrleans()
    {
        var violations = OwnTypes().Where(t => t.Namespace == typeof(Hopper).Namespace)
            .SelectMany(t => ReferencedTypes(t).Where(IsOrleansOrGrain).Select(u => $"{t.FullName} uses {u.FullName}"))
            .Distinct().ToList();
        Assert.Empty(violations);
    }

    [Fact]
    public void EveryDialerHasAPacer()
    {
        var pacers = Grains.GetTypes().Where(t => typeof(IPacer).IsAssignableFrom(t) && !t.IsInterface).Select(t => t.Name).ToHashSet();
        // Predictive is still to come (issue 15); each dialer a campaign can run has its algorithm in Pacing.
        foreach (var dialer in Enum.GetNames<DialerType>()) Assert.Contains($"{dialer}Pacer", pacers);
    }

    private static bool IsOrleansOrGrain(Type type) =>
        type.Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true
        || typeof(IAddressable).IsAssignableFrom(type);

    // Generated serializers and activators live in their own namespaces and may see everything.
    private static IEnumerable<Type> OwnTypes() => Grains.GetTypes().Where(t => !t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) ?? false);

    private static int LayerOf(Type type)
    {
        if (type.Namespace is not { } ns || !ns.StartsWith(Root, StringComparison.Ordinal)) return -1;
        var concept = ns[Root.Length..].Split('.')[0];
        return Array.FindIndex(Layers, layer => layer.Contains(concept));
    }

    private static IEnumerable<Type> ReferencedTypes(Type type) => TypeReferences.Of(type);
}
