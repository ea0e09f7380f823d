using ContactCenter.Api.Dnc;

namespace ContactCenter.Api.Leads.Imports;

public static class LeadImportServices
{
    /// <summary>Background lead imports of this API node, and the DNC store.</summary>
    public static IServiceCollection AddLeadImports(this IServiceCollection services)
    {
        services.AddOptions<LeadImportOptions>().BindConfiguration(LeadImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadImportStore>();
        services.AddSingleton<LeadImportRunner>();
        services.AddSingleton<LeadImportQueue>();
        services.AddSingleton<DncStore>();
        services.AddHostedService<LeadImportWorker>();
        return services;
    }
}
