using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Pacing;

/// <summary>
/// Local presence: the numbers a campaign presents, chosen per lead by area code, then region, then the
/// campaign's own caller ID. A number that reaches its daily cap rests (is not presented) for
/// <see cref="RestHours"/>, so the carriers' reputation systems see no number used heavily day after day.
/// Caps and rests count every campaign's calls from the number, across the cluster.
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.CallerIdPool")]
public sealed record CallerIdPool
{
    public const int MaxNumbers = 1000;

    [Id(0)] public List<PoolNumber> Numbers { get; init; } = [];
    /// <summary>Calls a number may place per UTC day, unless the number sets its own.</summary>
    [Id(1)] public int DailyCap { get; init; } = 200;
    /// <summary>Hours a number rests once it reached its cap (counted from that call); 0 rests to the end of the day only.</summary>
    [Id(2)] public int RestHours { get; init; } = 24;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Numbers is null || Numbers.Count is 0 or > MaxNumbers) yield return ("callerIdPool.numbers", $"Between 1 and {MaxNumbers} numbers.");
        if (DailyCap is < 1 or > 100_000) yield return ("callerIdPool.dailyCap", "Between 1 and 100000 calls.");
        if (RestHours is < 0 or > 24 * 30) yield return ("callerIdPool.restHours", "Between 0 and 720 hours.");
        if (Numbers is null) yield break;
        for (var i = 0; i < Numbers.Count; i++)
        {
            var n = Numbers[i];
            if (n is null || n.Number is null || !System.Text.RegularExpressions.Regex.IsMatch(n.Number, @"^\+[1-9][0-9]{6,14}$"))
                yield return ($"callerIdPool.numbers[{i}].number", "An E.164 number such as +12125550100.");
            else if (Numbers.Take(i).Any(o => o?.Number == n.Number))
                yield return ($"callerIdPool.numbers[{i}].number", "Listed twice.");
            if (n?.DailyCap is < 1 or > 100_000) yield return ($"callerIdPool.numbers[{i}].dailyCap", "Between 1 and 100000 calls.");
            if (n?.Region is { Length: > TextLimits.Code }) yield return ($"callerIdPool.numbers[{i}].region", "At most 100 characters.");
        }
    }
}

/// <summary>One number of a pool: its region (a state or province code such as "NY", matched to the lead's) and an optional cap of its own.</summary>
[GenerateSerializer, Immutable, Alias("cc.PoolNumber")]
public sealed record PoolNumber(
    [property: Id(0), TextLimit(TextLimits.Phone)] string Number,
    [property: Id(1), TextLimit(TextLimits.Code)] string? Region = null,
    [property: Id(2)] int? DailyCap = null);
