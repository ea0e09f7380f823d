namespace ContactCenter.Api.Leads.Imports;

/// <summary>Where a CSV column goes in a lead.</summary>
public enum LeadField
{
    /// <summary>The column is read but not kept (for example the id column of an export).</summary>
    Ignore,
    FirstName,
    LastName,
    Address,
    City,
    State,
    PostalCode,
    Country,
    Phone,
    /// <summary>One or more alternate numbers, separated by '|' or ';' when several share a cell.</summary>
    AltPhones,
    Gender,
    Email,
    Comments,
    /// <summary>Tags separated by '|', ';' or ','.</summary>
    Tags,
    /// <summary>An IANA time zone; when absent or unknown the zone comes from the phone number.</summary>
    TimeZone,
    /// <summary>A JSON object merged into the custom fields (the customFields column of an export).</summary>
    CustomFieldsJson,
    /// <summary>A custom field named after the column header.</summary>
    Custom,
}
