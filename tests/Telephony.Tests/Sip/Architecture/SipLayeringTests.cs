using ContactCenter.Telephony.Sip;

namespace ContactCenter.Telephony.Tests.Sip.Architecture;

/// <summary>
/// The stack is layered messages → transport → transactions → dialogs → user agents; a layer may
/// use the ones below it and never one above. Checked on every member signature, field and base type.
/// </summary>
public sealed class SipLayeringTests
{
    private static readonly string[] Layers =
    [
        "ContactCenter.Telephony.Sip.Messages",
        "ContactCenter.Telephony.Sip.Transport",
        "ContactCenter.Telephony.Sip.Transactions",
        "ContactCenter.Telephony.Sip.Dialogs",
        "ContactCenter.Telephony.Sip.UserAgents",
    ];

    [Fact]
    public void NoLayerReferencesALayerAboveIt()
    {
        var assembly = typeof(SipStack).Assembly;
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var own = LayerOf(type);
            if (own < 0) continue;
            foreach (var used in ReferencedTypes(type))
            {
                var other = LayerOf(used);
                if (other > own) violations.Add($"{type.FullName} uses {used.FullName}");
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void SdpKnowsNothingAboutSip()
    {
        var assembly = typeof(SipStack).Assembly;
        var violations = assembly.GetTypes()
            .Where(t => t.Namespace == "ContactCenter.Telephony.Sdp")
            .SelectMany(t => ReferencedTypes(t).Where(u => u.Namespace?.StartsWith("ContactCenter.Telephony.Sip", StringComparison.Ordinal) == true).Select(u => $"{t.FullName} uses {u.FullName}"))
            .ToList();
        Assert.Empty(violations);
    }

    private static int LayerOf(Type type) => Array.IndexOf(Layers, type.Namespace);

    private static IEnumerable<Type> ReferencedTypes(Type type) => TypeReferences.Of(type);
}
