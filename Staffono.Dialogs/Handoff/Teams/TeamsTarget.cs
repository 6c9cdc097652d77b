namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>Where ticket cards go in Teams: the connector, the tenant, the channel, and the bot's own Teams id.</summary>
public sealed record TeamsTarget(string ServiceUrl, string TenantId, string ChannelId, string BotId);
