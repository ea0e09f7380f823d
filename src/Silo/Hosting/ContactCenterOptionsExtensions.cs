using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Silo.Hosting;

/// <summary>The one way a host (the API or a silo on its own) reads <see cref="ContactCenterOptions"/>.</summary>
public static class ContactCenterOptionsExtensions
{
    /// <summary>
    /// Binds the "ContactCenter" section, checks its data annotations now and returns the values.
    /// Hosts read these options before the host is built (to choose silo or client, to configure
    /// Orleans), so validating only at start would let a bad port or mode reach Orleans first and
    /// fail there with a less helpful message, or not at all. A bad value throws an
    /// <see cref="OptionsValidationException"/> naming each key and its rule. The options are also
    /// registered with ValidateOnStart, for code that takes <c>IOptions&lt;ContactCenterOptions&gt;</c>.
    /// </summary>
    public static ContactCenterOptions AddContactCenterOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ContactCenterOptions>()
            .BindConfiguration(ContactCenterOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Binding throws for a value that does not convert (SiloPort=abc), naming the key itself.
        var options = builder.Configuration.GetSection(ContactCenterOptions.Section).Get<ContactCenterOptions>() ?? new();
        Validate(options);
        return options;
    }

    /// <summary>The data annotations of <paramref name="options"/>, each failure as "ContactCenter:Key: rule".</summary>
    public static void Validate(ContactCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return;
        var failures = results.Select(r =>
            $"{ContactCenterOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        throw new OptionsValidationException(Options.DefaultName, typeof(ContactCenterOptions), failures);
    }
}
