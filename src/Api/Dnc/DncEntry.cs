using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Dnc;

/// <summary>A number nobody may call (<c>CampaignId</c> empty) or that one campaign may not call.</summary>
public sealed record DncEntry(string Phone, string CampaignId, string? Reason, DateTimeOffset CreatedAt);

/// <summary>One keyset page of DNC entries.</summary>
public sealed record DncPage(IReadOnlyList<DncEntry> Items, string? Next);

public sealed record AddDncRequest(
    [property: TextLimit(TextLimits.Phone)] string? Phone,
    [property: TextLimit(TextLimits.Id)] string? CampaignId,
    [property: TextLimit(TextLimits.Name)] string? Reason,
    [property: TextLimit(TextLimits.Code)] string? Region);

/// <summary>Result of a bulk DNC upload; <c>Errors</c> holds the first rejected lines.</summary>
public sealed record DncImportResult(long RowsRead, long Added, long AlreadyListed, long Rejected, long LeadsMarked, IReadOnlyList<DncImportError> Errors);

public sealed record DncImportError(long Line, string Reason);
