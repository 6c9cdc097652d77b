using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;
using Staffono.Dialogs.Leads;
using Staffono.Skills.Business;
using Staffono.Skills.Leads;
using Staffono.Skills.Payments;
using Staffono.Skills.Shop;
using Staffono.Skills.Storage;

namespace Staffono.Bot.Leads;

/// <summary>
/// Leads as this host runs them, when the profile names a leads file: the CRM and deposits in the data file, the payment
/// gateway (the host's test checkout, or Stripe Checkout when its key is set), the webhook sender, and the workflow.
/// </summary>
public static class LeadsHostingExtensions
{
    public const string SecretFileName = "crm-webhook-secret.txt";

    public static IHostApplicationBuilder AddLeads(this IHostApplicationBuilder builder, BusinessProfile profile)
    {
        builder.Services.AddOptions<CrmOptions>().Bind(builder.Configuration.GetSection(CrmOptions.SectionName));
        var payments = builder.Configuration.GetSection(PaymentsOptions.SectionName).Get<PaymentsOptions>() ?? new PaymentsOptions();
        builder.Services.AddSingleton(payments);
        if (profile.Leads is null)
        {
            return builder;
        }

        builder.Services.AddSingleton<ILeadStore>(sp => new SqliteLeadStore(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton<IDepositStore>(sp => new SqliteDepositStore(sp.GetRequiredService<ISqliteFile>()));
        // Photos for an exact price share the folder of returns' photos; a business without a shop gets the folder too.
        builder.Services.TryAddSingleton<IReturnPhotos>(sp => new FolderReturnPhotos(Path.Combine(DataFolder(sp), "returns")));
        builder.Services.AddSingleton<IPaymentGateway>(sp => payments.Stripe.Enabled
            ? (IPaymentGateway)new StripeCheckoutGateway(payments.Stripe, () => PublicBase(sp))
            : new TestCheckoutGateway(() => PublicBase(sp)));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CrmOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.WebhookSecret))
            {
                return new CrmWebhookSecret(options.WebhookSecret.Trim(), null);
            }

            var (secret, file) = SecretFile.LoadOrCreate(DataFolder(sp), SecretFileName);
            return new CrmWebhookSecret(secret, file);
        });
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CrmWebhookSender>(sp, new HttpClient { Timeout = TimeSpan.FromSeconds(15) }));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CrmWebhookSender>());
        builder.Services.AddLeadsWorkflow();
        return builder;
    }

    /// <summary>The test checkout page, the Stripe webhook, when the business takes leads.</summary>
    public static IEndpointRouteBuilder MapLeads(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<BusinessProfile>().Leads is null)
        {
            return endpoints;
        }

        endpoints.MapTestCheckout();
        endpoints.MapStripeWebhook();
        return endpoints;
    }

    /// <summary>Where customers reach this host: Business:PublicBaseUrl, or the address it listens on.</summary>
    private static Uri PublicBase(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IOptions<BusinessOptions>>().Value.PublicBaseUrl;
        var address = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : sp.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? StaffonoHost.DefaultUrl;
        return new Uri(address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    private static string DataFolder(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataFolder;
}
