namespace ContactCenter.Api.Access;

/// <summary>Who may call an endpoint. Every endpoint of the API has exactly one (see <see cref="AccessRules"/>).</summary>
public enum Access
{
    /// <summary>Anyone, signed in or not (health, the OpenAPI document, signing in).</summary>
    Public,

    /// <summary>Anyone signed in, whatever the role (who am I, signing out).</summary>
    SignedIn,

    /// <summary>Admins only: users, keys, trunks, scripts, the audit trail, infrastructure.</summary>
    Admin,

    /// <summary>Admins and supervisors; a supervisor limited to some campaigns only touches those.</summary>
    Supervisor,

    /// <summary>
    /// Supervisors and admins, who must name a campaign in their scope in the <c>campaignId</c>
    /// query when they are limited to some campaigns (reports and call records of one campaign).
    /// </summary>
    SupervisorOfCampaignQuery,

    /// <summary>The agent named by the route's <c>{id}</c> itself, or a supervisor of its campaign.</summary>
    AgentSelf,

    /// <summary>The campaign an agent is logged in to (its dispositions, pause codes, script), or a supervisor.</summary>
    AgentCampaign,

    /// <summary>The lead an agent is working (on its current call), or a supervisor.</summary>
    AgentLead,

    /// <summary>An agent's current call, or a supervisor.</summary>
    AgentCall,
}
