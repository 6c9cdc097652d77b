using Staffono.Dialogs.Workflows;
using Staffono.Skills.Business;
using Staffono.Skills.Knowledge;
using Staffono.Skills.Messaging;
using Staffono.Skills.Shop;
using Staffono.Skills.Understanding.Entities;

namespace Staffono.Dialogs.Support;

/// <summary>What the support workflows share: the shop, its orders and returns, identity checks, and the knowledge base.</summary>
public sealed record SupportServices(
    BusinessProfile Profile,
    Shop Shop,
    IOrderStore Orders,
    IReturnStore Returns,
    IIdentityLedger Identity,
    IMessageSender Messages,
    IReturnPhotos Photos,
    AttachmentFetcher Attachments,
    KnowledgeBase Knowledge,
    OrderNumberRecognizer OrderNumbers)
{
    /// <summary>How sure the knowledge search must be to answer; below it the bot says it does not know.</summary>
    public double KnowledgeThreshold { get; init; } = 0.55;

    public ReturnPolicyEngine Policy { get; } = new(Shop.Returns, Profile.TimeZone);
}
