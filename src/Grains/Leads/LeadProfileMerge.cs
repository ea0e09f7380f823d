namespace ContactCenter.Grains.Leads;

/// <summary>
/// How a duplicate under <see cref="DuplicatePolicy.Update"/> changes the lead already in the list, shared
/// by the import's set-based merge and <see cref="LeadStore.AddAsync"/> so both mean the same thing.
/// </summary>
public static class LeadProfileMerge
{
    /// <summary>
    /// The SET list of <c>UPDATE leads l … FROM &lt;source&gt; s</c>: the source's non-empty fields win, custom fields
    /// are merged, tags added; the phone and the dialing state stay as they are.
    /// </summary>
    public const string SetFromSource = """
        first_name = coalesce(s.first_name, l.first_name), last_name = coalesce(s.last_name, l.last_name),
        address = coalesce(s.address, l.address), city = coalesce(s.city, l.city), state = coalesce(s.state, l.state),
        postal_code = coalesce(s.postal_code, l.postal_code), country = coalesce(s.country, l.country),
        alt_phones = CASE WHEN cardinality(s.alt_phones) > 0 THEN s.alt_phones ELSE l.alt_phones END,
        gender = coalesce(s.gender, l.gender), email = coalesce(s.email, l.email), comments = coalesce(s.comments, l.comments),
        custom_fields = l.custom_fields || s.custom_fields,
        tags = ARRAY(SELECT DISTINCT t FROM unnest(l.tags || s.tags) t ORDER BY t),
        time_zone = coalesce(s.time_zone, l.time_zone),
        other_time_zones = CASE WHEN s.time_zone IS NULL THEN l.other_time_zones ELSE s.other_time_zones END, updated_at = now()
        """;
}
