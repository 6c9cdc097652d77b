using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;
using Staffono.Dialogs.Support;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Business;
using Staffono.Skills.Messaging;
using Staffono.Skills.Shop;
using Staffono.Skills.Storage;

namespace Staffono.Bot.Shop;

/// <summary>
/// The shop as this host runs it (section "Shop"), when the profile names one: the order, return and identity
/// stores in the data file, the mailbox (or SMTP), return photos in data/returns, the events secret, the demo
/// orders, and the support workflows.
/// </summary>
public static class ShopHostingExtensions
{
    public const string SecretFileName = "shop-events-secret.txt";

    public static IHostApplicationBuilder AddShop(this IHostApplicationBuilder builder, BusinessProfile profile)
    {
        var options = builder.Configuration.GetSection(ShopOptions.SectionName).Get<ShopOptions>() ?? new ShopOptions();
        builder.Services.AddSingleton(options);
        if (profile.Shop is null)
        {
            return builder;
        }

        builder.Services.AddSingleton<IOrderStore>(sp => new SqliteOrderStore(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton<IReturnStore>(sp => new SqliteReturnStore(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton<IIdentityLedger>(sp => new SqliteIdentityLedger(sp.GetRequiredService<ISqliteFile>()));
        builder.Services.AddSingleton(sp => new MailboxFolder(Path.Combine(DataFolder(sp), "mailbox"), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IMessageSender>(sp => string.IsNullOrWhiteSpace(options.Smtp.Host)
            ? sp.GetRequiredService<MailboxFolder>()
            : new SmtpMessageSender(options.Smtp, sp.GetRequiredService<MailboxFolder>()));
        builder.Services.TryAddSingleton<IReturnPhotos>(sp => new FolderReturnPhotos(Path.Combine(DataFolder(sp), "returns")));
        builder.Services.AddSingleton(new AttachmentFetcher(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, options.MaxPhotoBytes));
        builder.Services.AddSingleton(sp =>
        {
            if (!string.IsNullOrWhiteSpace(options.EventsSecret))
            {
                return new ShopEventsSecret(options.EventsSecret.Trim(), null);
            }

            var (secret, file) = SecretFile.LoadOrCreate(DataFolder(sp), SecretFileName);
            return new ShopEventsSecret(secret, file);
        });
        // A setting may switch the one-time code on or off without editing the shop file.
        if (options.OneTimeCode is { } code)
        {
            builder.Services.AddSingleton(profile with { Shop = profile.Shop with { Identity = profile.Shop.Identity with { OneTimeCode = code } } });
        }

        builder.Services.AddHostedService<DemoOrderSeeder>();
        builder.Services.AddSupportWorkflows();
        return builder;
    }

    private static string DataFolder(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataFolder;

    /// <summary>Seeds the demo orders at start, when asked to and when they are not there yet.</summary>
    private sealed class DemoOrderSeeder(IServiceProvider services, ShopOptions options, ILogger<DemoOrderSeeder> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var profile = services.GetRequiredService<BusinessProfile>();
            if (options.DemoOrders)
            {
                await DemoOrders.SeedAsync(services.GetRequiredService<IOrderStore>(), services.GetRequiredService<IReturnStore>(), profile.TimeZone, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            }

            var secret = services.GetRequiredService<ShopEventsSecret>();
            logger.LogInformation(
                "Shop: {Products} products, {Faq} FAQ entries; events at /api/events signed with the secret {Where}",
                profile.Shop!.Products.Count, profile.Shop.Faq.Count, secret.File is { } file ? "in " + file : "from Shop:EventsSecret");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
