using ContactCenter.Grains.Calls;

namespace ContactCenter.Api.Calls;

/// <summary>
/// One page of <c>GET /api/calls</c>, newest first, shaped like the lead and DNC pages: <see cref="Next"/> is
/// the cursor for the following page (pass it as <c>after</c>), null on the last one.
/// </summary>
public sealed record CallPage(IReadOnlyList<CallSnapshot> Items, string? Next);
