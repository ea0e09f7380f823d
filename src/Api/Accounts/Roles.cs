namespace ContactCenter.Api.Accounts;

/// <summary>The three roles of the product, as stored and as carried in the role claim.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";

    public static readonly string[] All = [Admin, Supervisor, Agent];

    /// <summary>The role named by <paramref name="text"/> in any case, or null.</summary>
    public static string? Parse(string? text) =>
        All.FirstOrDefault(r => string.Equals(r, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
