namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>How a slot value is read from what the caller said or keyed.</summary>
public enum SlotType
{
    /// <summary>Stored as <c>yes</c> or <c>no</c>; keys 1 and 2 also work.</summary>
    YesNo,
    /// <summary>A calendar date (today, tomorrow, next Monday, December 3rd, 2026-12-03); stored as yyyy-MM-dd.</summary>
    Date,
    /// <summary>A number in digits or words; stored in invariant culture.</summary>
    Number,
    /// <summary>Whatever the caller said.</summary>
    Text,
}
