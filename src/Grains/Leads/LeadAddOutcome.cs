namespace ContactCenter.Grains.Leads;

public enum LeadAddOutcome
{
    /// <summary>A new lead.</summary>
    Added,
    /// <summary>The number was in the list already and that lead was left as it was (<see cref="DuplicatePolicy.Skip"/>).</summary>
    Duplicate,
    /// <summary>The number was in the list already and that lead took the new fields (<see cref="DuplicatePolicy.Update"/>).</summary>
    Updated,
}
