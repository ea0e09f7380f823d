namespace ContactCenter.Api.Access;

/// <summary>Who each <see cref="Access"/> lets in, in words, for the OpenAPI document and the README's table.</summary>
public static class AccessDescriptions
{
    public static string Of(Access access) => access switch
    {
        Access.Public => "anyone",
        Access.SignedIn => "admin, supervisor, agent",
        Access.Admin => "admin",
        Access.Supervisor => "admin, supervisor (of the campaign, when limited to some)",
        Access.SupervisorOfCampaignQuery => "admin, supervisor (a supervisor limited to some campaigns names one in campaignId)",
        Access.AgentSelf => "admin, supervisor of the agent's campaign, the agent itself",
        Access.AgentCampaign => "admin, supervisor, an agent logged in to this campaign",
        Access.AgentLead => "admin, supervisor, the agent working this lead",
        Access.AgentCall => "admin, supervisor, the agent on this call",
        _ => "admin",
    };
}
