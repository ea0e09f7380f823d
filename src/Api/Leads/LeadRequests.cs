namespace ContactCenter.Api.Leads;

public sealed record CreateListRequest(string? Name, string? DefaultRegion = "US");
