namespace ContactCenter.Api.Accounts;

/// <summary>POST /api/auth/login.</summary>
public sealed record LoginCredentials(string? Username, string? Password);

/// <summary>Who is calling: GET /api/auth/me and the answer to a sign-in.</summary>
public sealed record MeResponse(string Username, string Role, string? AgentId);

/// <summary>The antiforgery token a browser session sends back in the X-XSRF-TOKEN header on writes.</summary>
public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);
