using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Business;
using Staffono.Skills.Knowledge;
using Staffono.Skills.Messaging;
using Staffono.Skills.Shop;
using Staffono.Skills.Understanding.Entities;

namespace Staffono.Dialogs.Support;

/// <summary>
/// Adds order status, returns and support triage for a business whose profile names a shop. Needs the order,
/// return and identity stores, a message sender and a photo store; a configured model (IChatClient) only words
/// knowledge answers.
/// </summary>
public static class SupportRegistration
{
    public static IServiceCollection AddSupportWorkflows(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp =>
        {
            var profile = sp.GetRequiredService<BusinessProfile>();
            var shop = profile.Shop ?? throw new InvalidOperationException("The support workflows need a shop: name its file in the profile (shop: demo-shop.yaml).");
            return new SupportServices(
                profile, shop, sp.GetRequiredService<IOrderStore>(), sp.GetRequiredService<IReturnStore>(), sp.GetRequiredService<IIdentityLedger>(),
                sp.GetRequiredService<IMessageSender>(), sp.GetRequiredService<IReturnPhotos>(),
                sp.GetService<AttachmentFetcher>() ?? new AttachmentFetcher(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }),
                KnowledgeBuilder.Build(profile, shop), sp.GetService<OrderNumberRecognizer>() ?? new OrderNumberRecognizer());
        });
        services.AddSingleton<Workflow>(sp => new OrderStatusWorkflow(new OrderStatusDialog(Support(sp), new VerifyOrderDialog(Support(sp), Time(sp)), Shared(sp))));
        services.AddSingleton<Workflow>(sp => new ReturnsWorkflow(new ReturnDialog(Support(sp), new VerifyOrderDialog(Support(sp), Time(sp)), Shared(sp))));
        services.AddSingleton<Workflow>(sp => new SupportWorkflow(new QuestionDialog(Support(sp), Shared(sp), Phrasing(sp)), new ComplaintDialog(Support(sp), Shared(sp))));
        return services;
    }

    /// <summary>The configured model words answers; a test or host may register its own phrasing instead.</summary>
    private static IKnowledgePhrasing? Phrasing(IServiceProvider sp) =>
        sp.GetService<IKnowledgePhrasing>()
        ?? (sp.GetService<IChatClient>() is { } model ? new ModelKnowledgePhrasing(model, TimeSpan.FromSeconds(8), sp.GetService<ILogger<ModelKnowledgePhrasing>>()) : null);

    private static SupportServices Support(IServiceProvider sp) => sp.GetRequiredService<SupportServices>();

    private static WorkflowServices Shared(IServiceProvider sp) => sp.GetRequiredService<WorkflowServices>();

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
}
