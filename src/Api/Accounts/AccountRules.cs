using System.Text.RegularExpressions;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Accounts;

/// <summary>What a user or key may look like: names, roles, the agent an agent account works as, campaign scopes.</summary>
public static partial class AccountRules
{
    public const int MaxCampaigns = 200;

    public static string Username(string? username)
    {
        var name = username?.Trim() ?? "";
        Problem.Require(UsernamePattern().IsMatch(name), "username", "A username has 1-64 letters, digits, '.', '_', '-' or '@'.");
        return name;
    }

    public static string Role(string? role) =>
        Roles.Parse(role) ?? throw new ValidationFailedException("role", "Use admin, supervisor or agent.");

    /// <summary>An agent account names an existing agent; other roles name none.</summary>
    public static async Task<string?> AgentIdAsync(string role, string? agentId, IGrainFactory grains)
    {
        if (role != Roles.Agent)
        {
            Problem.Require(string.IsNullOrWhiteSpace(agentId), "agentId", "Only an agent account works as an agent.");
            return null;
        }
        var id = agentId?.Trim() ?? "";
        Problem.Require(AgentIdPattern().IsMatch(id), "agentId", "An agent account names the agent it works as (1-64 letters, digits, '.', '_' or '-').");
        try
        {
            await grains.GetGrain<IAgentGrain>(id).GetAsync();
        }
        catch (EntityNotFoundException)
        {
            throw new ValidationFailedException("agentId", $"There is no agent '{id}'; create it first (POST /api/agents).");
        }
        return id;
    }

    public static List<string> CampaignIds(List<string>? campaignIds)
    {
        var ids = (campaignIds ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        Problem.Require(ids.Count <= MaxCampaigns, "campaignIds", $"At most {MaxCampaigns} campaigns.");
        Problem.Require(ids.All(c => AgentIdPattern().IsMatch(c)), "campaignIds", "A campaign id has 1-64 letters, digits, '.', '_' or '-'.");
        return ids;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AgentIdPattern();
}
