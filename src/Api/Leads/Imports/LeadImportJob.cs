using ContactCenter.Grains.Leads;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>An accepted upload waiting for the background importer on this node.</summary>
public sealed record LeadImportJob(
    long ImportId,
    long ListId,
    string DefaultRegion,
    string FilePath,
    DuplicatePolicy Policy,
    IReadOnlyDictionary<string, string>? Mapping);
